package io.ehrconnector.config.service;

import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

/** No configuration with this id in the caller's tenant (404; another tenant's ids are not found either). */
public class ConfigurationNotFound extends ProblemException {

    public ConfigurationNotFound() {
        super(Problem.of(404, "configuration-not-found", "Configuration not found",
                "Your organisation has no configuration with this id; list /api/v1/configurations to find it."));
    }
}
