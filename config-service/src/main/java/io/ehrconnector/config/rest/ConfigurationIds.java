package io.ehrconnector.config.rest;

import jakarta.ws.rs.NotFoundException;

import java.util.UUID;

/** Configuration ids in paths: UUIDs; anything else cannot name a configuration and is "not found" without a lookup. */
public final class ConfigurationIds {

    private ConfigurationIds() {
    }

    public static String parse(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
