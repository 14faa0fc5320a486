package io.ehrconnector.launch.presence;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** Reactive steps one after the other: a reactive session runs one statement at a time. */
public final class Sequentially {

    private Sequentially() {
    }

    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(item -> step.apply(item)).collect().last()
                .replaceWithVoid();
    }
}
