package io.firelake.speed;

import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Event fixtures read with the Java runtime's own serialisers, so the handler sees what it would see on Lambda. */
final class LambdaEvents {

    private static final PojoSerializer<KinesisTimeWindowEvent> EVENTS =
            LambdaEventSerializers.serializerFor(KinesisTimeWindowEvent.class, LambdaEvents.class.getClassLoader());
    private static final PojoSerializer<TimeWindowEventResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(TimeWindowEventResponse.class, LambdaEvents.class.getClassLoader());

    private LambdaEvents() {
    }

    static KinesisTimeWindowEvent fixture(String name) {
        try (InputStream in = LambdaEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return EVENTS.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KinesisTimeWindowEvent fixture(String name, Map<String, String> state) {
        KinesisTimeWindowEvent event = fixture(name);
        event.setState(state);
        return event;
    }

    /** The response as Lambda reads it back: serialised to JSON and parsed again. */
    static TimeWindowEventResponse roundTrip(TimeWindowEventResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(response, out);
        return RESPONSES.fromJson(out.toString(StandardCharsets.UTF_8));
    }
}
