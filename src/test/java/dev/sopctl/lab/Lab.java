package dev.sopctl.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An end-to-end test class against the lab (src/lab): the lab is brought up in the given scenario
 * before the class and taken down after it. Tagged {@code lab}. Where the lab cannot start (not
 * root, no namespaces) the tests are skipped, except with {@code CI=true}, where that fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
@ExtendWith(LabExtension.class)
public @interface Lab {
    /** The scenario of {@code lab up --scenario}. */
    String value() default "healthy";
}
