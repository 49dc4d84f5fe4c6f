package io.firelake.producer.send;

/** The run stopped early: a request failed in a way every later request would fail too. */
public class ProducerAbortedException extends RuntimeException {

    public ProducerAbortedException(SinkException cause) {
        super("stopped sending: " + cause.getMessage(), cause);
    }
}
