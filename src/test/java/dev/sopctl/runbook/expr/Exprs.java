package dev.sopctl.runbook.expr;

import dev.sopctl.yaml.Location;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: a location, a scope from pairs, evaluate in one call. */
final class Exprs {
    static final Location AT = new Location("runbooks/pvdi/node-shutdown.yaml", 12, 11);

    private Exprs() {}

    static Scope scope(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return Scope.of(values);
    }

    static Object eval(String source, Object... pairs) {
        return Expression.parse(source, AT).evaluate(scope(pairs));
    }

    static Expression parse(String source) {
        return Expression.parse(source, AT);
    }
}
