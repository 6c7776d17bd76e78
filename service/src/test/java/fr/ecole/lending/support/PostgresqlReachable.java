package fr.ecole.lending.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On a run of the suite on PostgreSQL, skips every test, and says so, when no server answers; unless
 * {@code LENDING_IT_POSTGRESQL_REQUIRED=true} (CI) or {@code -Dit.postgresql.required=true}, where that is a failure. Registered for every test through
 * the service loader.
 */
public final class PostgresqlReachable implements ExecutionCondition {
    private static volatile String unreachable;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestEngine.onPostgresql()) {
            return ConditionEvaluationResult.enabled("the suite runs on SQLite");
        }
        String why = check();
        if (why == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers");
        }
        String message = "PostgreSQL at " + TestEngine.POSTGRESQL_SERVER + " cannot be reached (" + why + ")";
        if (TestEngine.POSTGRESQL_REQUIRED) {
            throw new IllegalStateException(message + "; this run requires it (LENDING_IT_POSTGRESQL_REQUIRED)");
        }
        return ConditionEvaluationResult.disabled(message + ": the suite's PostgreSQL run is skipped");
    }

    private static synchronized String check() {
        if (!checked) {
            unreachable = TestEngine.postgresqlUnreachable();
            checked = true;
            if (unreachable != null && !TestEngine.POSTGRESQL_REQUIRED) {
                System.out.println("[WARNING] PostgreSQL at " + TestEngine.POSTGRESQL_SERVER + " cannot be reached ("
                        + unreachable + "): every end-to-end test of the PostgreSQL run is SKIPPED.");
            }
        }
        return unreachable;
    }
}
