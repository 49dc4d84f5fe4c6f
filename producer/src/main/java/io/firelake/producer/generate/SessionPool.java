package io.firelake.producer.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The visits under way: up to {@value #MAX_CONCURRENT_SESSIONS} at once (a fifth of the users), so that sessions
 * interleave as they do on a live site. An ended session is replaced by a new visitor, human or crawler. A user's
 * device, address and currency come from a random of their own, so a returning user keeps them.
 */
final class SessionPool {

    private static final int MAX_CONCURRENT_SESSIONS = 200;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SimulationSettings settings;
    private final Random random;
    private final List<Session> sessions = new ArrayList<>();
    private final int concurrency;

    SessionPool(SimulationSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
        this.concurrency = Math.max(1, Math.min(MAX_CONCURRENT_SESSIONS, settings.users() / 5));
    }

    /** A session chosen at random among those under way; an ended one is replaced first. */
    Session pick() {
        while (sessions.size() < concurrency) {
            sessions.add(newSession());
        }
        int index = random.nextInt(sessions.size());
        Session session = sessions.get(index);
        if (session.next == Session.Step.EXIT) {
            session = newSession();
            sessions.set(index, session);
        }
        return session;
    }

    private Session newSession() {
        int userIndex = random.nextInt(settings.users());
        Random user = new Random(settings.seed() * 1_000_003L + userIndex);
        boolean bot = random.nextDouble() < settings.botShare();
        String id = sessionId(random.nextLong());
        if (bot) {
            Session session = new Session(id, null, Audience.bot(random), Audience.ip(random), "EUR", true);
            session.pagesLeft = 5 + random.nextInt(40);
            return session;
        }
        boolean signedIn = user.nextDouble() < 0.65 && random.nextDouble() < 0.8;
        String userId = signedIn ? String.format("u-%07d", userIndex) : null;
        String currency = user.nextDouble() < 0.7 ? "EUR" : (user.nextBoolean() ? "USD" : "GBP");
        return new Session(id, userId, Audience.humanDevice(user), Audience.ip(user), currency, false);
    }

    /** 8 base-62 digits (47 random bits): short ids keep the partition key tables of aggregates small. */
    static String sessionId(long bits) {
        char[] id = {'s', '-', '0', '0', '0', '0', '0', '0', '0', '0'};
        long value = bits >>> 17;
        for (int i = id.length - 1; i >= 2; i--) {
            id[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        return new String(id);
    }
}
