package fr.ecole.lending.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One representation of time on every engine: instants as epoch milliseconds ({@code BIGINT}),
 * calendar dates as ISO text ({@code YYYY-MM-DD}). SQLite has no time types, and the JDBC
 * drivers' own conversions disagree between engines.
 */
final class TimeArguments {
    private TimeArguments() {
    }

    static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }

    static final class LocalDateArgumentFactory extends AbstractArgumentFactory<LocalDate> {
        LocalDateArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(LocalDate value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, value.toString());
        }
    }

    static final class InstantColumnMapper implements ColumnMapper<Instant> {
        @Override
        public Instant map(ResultSet r, int column, StatementContext ctx) throws SQLException {
            long millis = r.getLong(column);
            return r.wasNull() ? null : Instant.ofEpochMilli(millis);
        }
    }

    static final class LocalDateColumnMapper implements ColumnMapper<LocalDate> {
        @Override
        public LocalDate map(ResultSet r, int column, StatementContext ctx) throws SQLException {
            String text = r.getString(column);
            return text == null ? null : LocalDate.parse(text);
        }
    }
}
