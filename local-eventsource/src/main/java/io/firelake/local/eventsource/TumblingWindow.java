package io.firelake.local.eventsource;

/** One tumbling window: [start, end), aligned on multiples of its length since the epoch. */
record TumblingWindow(long startMillis, long endMillis) {

    static TumblingWindow containing(long arrivalMillis, long lengthMillis) {
        long start = Math.floorDiv(arrivalMillis, lengthMillis) * lengthMillis;
        return new TumblingWindow(start, start + lengthMillis);
    }

    boolean contains(long arrivalMillis) {
        return arrivalMillis >= startMillis && arrivalMillis < endMillis;
    }
}
