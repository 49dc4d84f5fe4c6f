package io.firelake.events.contract;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class with one contract selected ({@link Contracts#select}), whatever the build chose
 * ({@code FIRELAKE_CONTRACT=iot-telemetry ./mvnw ...}), and gives the build's choice back after the class: for tests
 * whose fixtures are that contract's events or figures (clickstream's known lake, its seven tables). A test of whatever
 * contract the build runs reads {@link Contracts#selected()} instead. Shared with the other modules as events' test jar.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PinnedContract.Pin.class)
public @interface PinnedContract {

    /** The packaged contract's name ({@code clickstream}) or a folder. */
    String value();

    /** Selects the annotation's contract before the class's first test and restores the choice before it after. */
    final class Pin implements BeforeAllCallback, AfterAllCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Pin.class);
        private static final String NONE = "";

        @Override
        public void beforeAll(ExtensionContext context) {
            String before = System.getProperty(Contracts.PROPERTY);
            context.getStore(NAMESPACE).put(Contracts.PROPERTY, before == null ? NONE : before);
            Class<?> type = context.getRequiredTestClass();
            while (type.getAnnotation(PinnedContract.class) == null) {
                type = type.getEnclosingClass(); // a @Nested class runs with its outer class's contract
            }
            Contracts.select(type.getAnnotation(PinnedContract.class).value());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            String before = context.getStore(NAMESPACE).get(Contracts.PROPERTY, String.class);
            if (before == null || before.equals(NONE)) {
                System.clearProperty(Contracts.PROPERTY);
            } else {
                System.setProperty(Contracts.PROPERTY, before);
            }
        }
    }
}
