package fr.ecole.lending.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The SQL objects attached to one handle, each made once: attaching one builds a handler for every
 * method of its interface, which the writer's long-lived handle then does once for the service's life
 * rather than in every transaction.
 */
public final class Daos implements JdbiConfig<Daos> {
    private final Map<Class<?>, Object> attached = new ConcurrentHashMap<>();

    /** JDBI makes one for each handle, on first use. */
    public Daos() {
    }

    /** The SQL object {@code type} attached to {@code handle}. */
    public static <T> T on(Handle handle, Class<T> type) {
        return type.cast(handle.getConfig(Daos.class).attached.computeIfAbsent(type, handle::attach));
    }

    @Override
    public Daos createCopy() {
        // a copy serves another handle: its SQL objects must be attached to that one
        return new Daos();
    }
}
