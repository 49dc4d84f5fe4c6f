package io.firelake.speed.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.firelake.events.time.IsoTimestamps;

import java.io.CharConversionException;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads one raw event (clickstream-raw.avsc, one JSON object per user record) with a streaming parser, checking only
 * what the speed layer needs to trust its counts: required fields present, JSON types as the contract says, a known
 * event type. Never throws for bad input: it answers {@link ParseOutcome.Rejected} with the transform's reason code.
 * Thread-safe.
 */
public final class ClickEventParser implements EventParser {

    /** Page keys are bounded so that a window's state stays small whatever URLs producers send. */
    public static final int MAX_PAGE_KEY_LENGTH = 120;
    /**
     * Firehose's record limit (1,000 KiB before base64). Kinesis takes records up to 1 MiB, but the batch layer rejects
     * anything over this as RECORD_TOO_LARGE, and the two layers must count the same events.
     */
    public static final int MAX_RECORD_BYTES = 1000 * 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int DECIMAL_SCALE = 2;
    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99"); // decimal(12,2)

    @Override
    public ParseOutcome parse(byte[] data) {
        if (data.length > MAX_RECORD_BYTES) {
            return new ParseOutcome.Rejected(BadRecordReason.RECORD_TOO_LARGE, data.length + " bytes");
        }
        try (JsonParser parser = JSON.createParser(data)) {
            return parseObject(parser);
        } catch (CharConversionException e) {
            return new ParseOutcome.Rejected(BadRecordReason.INVALID_UTF8, "not UTF-8");
        } catch (StreamConstraintsException e) {
            return new ParseOutcome.Rejected(BadRecordReason.RECORD_TOO_LARGE, "JSON beyond parser limits");
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("UTF-8") || message.contains("UTF8")) {
                return new ParseOutcome.Rejected(BadRecordReason.INVALID_UTF8, "not UTF-8");
            }
            return new ParseOutcome.Rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
        }
    }

    private static ParseOutcome parseObject(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
        }
        String eventType = null;
        String eventTimeText = null;
        long eventTimeMillis = Long.MIN_VALUE;
        String sessionId = null;
        String pageUrl = null;
        String productId = null;
        BigDecimal price = null;
        String currency = null;
        Integer quantity = null;
        String eventId = null;
        Boolean healthCheck = null;
        int fields = 0;

        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            fields++;
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "event_id" -> {
                    if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
                        return wrongType(name);
                    }
                    eventId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                case "event_type" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        eventType = parser.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "event_time" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        eventTimeText = parser.getText();
                    } else if (value == JsonToken.VALUE_NUMBER_INT) {
                        if (parser.getNumberType() != JsonParser.NumberType.INT
                                && parser.getNumberType() != JsonParser.NumberType.LONG) {
                            return wrongType(name);
                        }
                        eventTimeMillis = parser.getLongValue();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "session_id" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        sessionId = parser.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "page_url" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        pageUrl = parser.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "product_id" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        productId = parser.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "price" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                        price = parser.getDecimalValue();
                    } else if (value == JsonToken.VALUE_STRING) {
                        try {
                            price = new BigDecimal(parser.getText().trim());
                        } catch (NumberFormatException e) {
                            return wrongType(name);
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "currency" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        currency = parser.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "quantity" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                        quantity = parser.getIntValue();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "schema_version" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                        return wrongType(name);
                    }
                }
                case "user_id", "referrer", "user_agent", "ip", "search_query" -> {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        return wrongType(name);
                    }
                }
                case "health_check" -> {
                    if (value == JsonToken.VALUE_TRUE) {
                        healthCheck = Boolean.TRUE;
                    }
                    parser.skipChildren();
                }
                default -> parser.skipChildren(); // unknown fields: the contract allows evolution
            }
        }
        if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
            return rejected(BadRecordReason.MALFORMED_JSON, "trailing content after the JSON object");
        }
        if (healthCheck != null && fields == 1) {
            return new ParseOutcome.Ignored();
        }
        if (eventId == null) {
            return missing("event_id");
        }
        if (eventType == null) {
            return missing("event_type");
        }
        EventType type = EventType.fromWireName(eventType);
        if (type == null) {
            return rejected(BadRecordReason.UNKNOWN_EVENT_TYPE, "event_type not in the contract");
        }
        if (eventTimeText != null) {
            eventTimeMillis = IsoTimestamps.parseOffsetMillis(eventTimeText);
            if (eventTimeMillis == IsoTimestamps.INVALID) {
                return rejected(BadRecordReason.WRONG_TYPE, "event_time is not ISO-8601 with an offset");
            }
        } else if (eventTimeMillis == Long.MIN_VALUE) {
            return missing("event_time");
        }
        if (sessionId == null) {
            return missing("session_id");
        }
        if (pageUrl == null) {
            return missing("page_url");
        }
        if ((type == EventType.ADD_TO_CART || type == EventType.PURCHASE) && productId == null) {
            return missing("product_id");
        }
        long revenueCents = 0;
        int items = 0;
        String purchaseCurrency = null;
        if (type == EventType.PURCHASE) {
            if (price == null) {
                return missing("price");
            }
            if (currency == null) {
                return missing("currency");
            }
            if (!isCurrencyCode(currency)) {
                return rejected(BadRecordReason.WRONG_TYPE, "currency is not an ISO 4217 code");
            }
            BigDecimal exact = price.stripTrailingZeros();
            if (exact.scale() > DECIMAL_SCALE || exact.abs().compareTo(MAX_PRICE) > 0) {
                return rejected(BadRecordReason.WRONG_TYPE, "price does not fit decimal(12,2)");
            }
            items = quantity == null ? 1 : quantity;
            try {
                revenueCents = Math.multiplyExact(price.movePointRight(DECIMAL_SCALE).longValueExact(), (long) items);
            } catch (ArithmeticException e) {
                return rejected(BadRecordReason.WRONG_TYPE, "price x quantity overflows");
            }
            purchaseCurrency = currency;
        }
        return new ParseOutcome.Parsed(new ClickEvent(type, eventTimeMillis, sessionId, pageKey(pageUrl),
                purchaseCurrency, revenueCents, items, RecentEventIds.hash(eventId)));
    }

    /** page_url without query string or fragment (they make every URL unique), bounded in length. */
    static String pageKey(String pageUrl) {
        int end = pageUrl.length();
        for (int i = 0; i < end; i++) {
            char c = pageUrl.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        if (end > MAX_PAGE_KEY_LENGTH) {
            end = MAX_PAGE_KEY_LENGTH;
            if (Character.isHighSurrogate(pageUrl.charAt(end - 1))) {
                end--; // never split a surrogate pair: the key must stay valid UTF-16
            }
        }
        return end == pageUrl.length() ? pageUrl : pageUrl.substring(0, end);
    }

    private static boolean isCurrencyCode(String currency) {
        if (currency.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = currency.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static ParseOutcome wrongType(String field) {
        return rejected(BadRecordReason.WRONG_TYPE, field + " has the wrong JSON type");
    }

    private static ParseOutcome missing(String field) {
        return rejected(BadRecordReason.MISSING_FIELD, field + " is missing or null");
    }

    private static ParseOutcome rejected(BadRecordReason reason, String detail) {
        return new ParseOutcome.Rejected(reason, detail);
    }
}
