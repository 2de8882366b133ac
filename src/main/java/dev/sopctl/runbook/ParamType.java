package dev.sopctl.runbook;

import java.util.Locale;
import java.util.Optional;

/** The types a runbook parameter can have (DESIGN §3). Values are checked by {@link ParameterValidator}. */
public enum ParamType {
    HOST, HOSTS, CLUSTER, UUID, IPV4, CIDR, INT, DURATION, ENUM, STRING, SECRET, BOOL;

    /** The spelling in runbook YAML. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ParamType> fromYaml(String text) {
        for (ParamType t : values()) {
            if (t.yamlName().equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
