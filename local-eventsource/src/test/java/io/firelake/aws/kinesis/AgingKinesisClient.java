package io.firelake.aws.kinesis;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real kinesalite client, with one difference: the NextShardIterator of chosen GetRecords responses is handed on
 * six minutes old, so that kinesalite itself answers the next GetRecords with ExpiredIteratorException (its iterators
 * expire after five minutes, too long to wait for in a test). kinesalite's iterator is its creation time, stream,
 * shard and sequence number, AES-256-CBC encrypted with a key fixed in its source (db/index.js): re-encrypting it with
 * an older time is all it takes. Counts the calls and the expirations kinesalite reported.
 */
final class AgingKinesisClient implements KinesisClient {

    private static final byte[] KEY = HexFormat.of().parseHex("1133a5a833666b49abf28c8ba302930f0b2fb240dccd43cf4dfbc0ca91f17751");
    private static final byte[] IV = HexFormat.of().parseHex("7bf139dbabbea2d9995d6fcae1dff7da");
    private static final long SIX_MINUTES = 6 * 60 * 1000;

    private final KinesisClient kinesis;
    private final int ageNextIteratorOfResponse;
    final AtomicInteger getRecordsCalls = new AtomicInteger();
    final AtomicInteger getShardIteratorCalls = new AtomicInteger();
    final AtomicInteger expiredReported = new AtomicInteger();

    /** @param ageNextIteratorOfResponse which GetRecords response (1 for the first) hands on an aged iterator */
    AgingKinesisClient(KinesisClient kinesis, int ageNextIteratorOfResponse) {
        this.kinesis = kinesis;
        this.ageNextIteratorOfResponse = ageNextIteratorOfResponse;
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        getShardIteratorCalls.incrementAndGet();
        return kinesis.getShardIterator(request);
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        int call = getRecordsCalls.incrementAndGet();
        GetRecordsResponse response;
        try {
            response = kinesis.getRecords(request);
        } catch (ExpiredIteratorException e) {
            expiredReported.incrementAndGet();
            throw e;
        }
        if (call == ageNextIteratorOfResponse && response.nextShardIterator() != null) {
            return response.toBuilder().nextShardIterator(aged(response.nextShardIterator())).build();
        }
        return response;
    }

    static String aged(String iterator) {
        try {
            byte[] raw = Base64.getDecoder().decode(iterator);
            Cipher decrypt = Cipher.getInstance("AES/CBC/PKCS5Padding");
            decrypt.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(IV));
            String plain = new String(decrypt.doFinal(Arrays.copyOfRange(raw, 8, raw.length)), StandardCharsets.UTF_8);
            long created = Long.parseLong(plain.substring(0, 14));
            String older = String.format("%014d", created - SIX_MINUTES) + plain.substring(14);
            Cipher encrypt = Cipher.getInstance("AES/CBC/PKCS5Padding");
            encrypt.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(IV));
            byte[] body = encrypt.doFinal(older.getBytes(StandardCharsets.UTF_8));
            byte[] aged = Arrays.copyOf(raw, 8 + body.length);
            System.arraycopy(body, 0, aged, 8, body.length);
            return Base64.getEncoder().encodeToString(aged);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("not a kinesalite iterator: " + e, e);
        }
    }

    @Override
    public String serviceName() {
        return kinesis.serviceName();
    }

    @Override
    public void close() {
        // the test owns the real client
    }
}
