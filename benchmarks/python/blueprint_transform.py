"""A Python peer of firelake's Firehose transform, for benchmarks only (not deployed).

The shape of AWS's Firehose processing blueprint for Python (kinesis-firehose-process-record-python: for each
record, base64-decode the data, process it, base64-encode the result, answer recordId/result/data), with the work
firelake's transform does on the same clickstream records, written the straightforward way with the standard
library: strict UTF-8, json.loads, the contract's required fields and types, event time to UTC milliseconds, URL host,
path and UTM parameters, referrer class, a cached user-agent classification, IP anonymization (/24, /48), Kinesis
metadata, processed time and the event_date/event_hour partition keys; the enriched row as one compact JSON line
with the same field names and order, nulls omitted. Bad records answer ProcessingFailed with the original data.

The user-agent classifier is a handful of regexes behind an LRU cache, much lighter than the uap-core regex list
firelake's transform runs (cached too): on these batches both hit their caches nearly always.
"""
import base64
import binascii
import ipaddress
import json
import re
import sys
import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

EVENT_TYPES = {"page_view", "click", "search", "add_to_cart", "checkout", "purchase"}
REQUIRED = ("schema_version", "event_id", "event_type", "event_time", "session_id", "page_url")
OPTIONAL_STRINGS = ("user_id", "referrer", "user_agent", "ip", "product_id", "currency", "search_query")
MAX_RECORD_BYTES = 1_000_000
LATE_MILLIS = 7 * 24 * 3600 * 1000
SEARCH_LABELS = {"google", "bing", "yahoo", "duckduckgo", "baidu", "yandex", "ecosia", "naver", "qwant",
                 "startpage", "seznam", "sogou"}
SOCIAL_DOMAINS = {"facebook.com", "fb.com", "instagram.com", "t.co", "twitter.com", "x.com", "linkedin.com",
                  "lnkd.in", "reddit.com", "pinterest.com", "tiktok.com", "youtube.com", "youtu.be", "snapchat.com",
                  "tumblr.com", "whatsapp.com", "telegram.org", "t.me", "threads.net", "mastodon.social", "vk.com",
                  "weibo.com"}
BOT = re.compile(r"bot|crawler|spider|slurp|curl|wget|python-requests|headless", re.I)
BROWSERS = [(re.compile(p), name) for p, name in (
    (r"Edg/", "Edge"), (r"OPR/|Opera", "Opera"), (r"SamsungBrowser", "Samsung Internet"),
    (r"Firefox/", "Firefox"), (r"CriOS|Chrome/", "Chrome"), (r"Mobile/.*Safari|iPhone.*Safari", "Mobile Safari"),
    (r"Safari/", "Safari"))]
SYSTEMS = [(re.compile(p), name) for p, name in (
    (r"iPhone|iPad|iPod", "iOS"), (r"Android", "Android"), (r"Windows", "Windows"), (r"Mac OS X", "Mac OS X"),
    (r"CrOS", "Chrome OS"), (r"Linux", "Linux"))]
TABLET = re.compile(r"iPad|Tablet|Android(?!.*Mobile)")
MOBILE = re.compile(r"Mobi|iPhone|Android")


class Invalid(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


@lru_cache(maxsize=10_000)
def classify_user_agent(ua):
    if ua is None:
        return "unknown", None, None, False
    if BOT.search(ua):
        match = re.search(r"([A-Za-z-]*(?:bot|Bot|crawler|spider))", ua)
        return "bot", match.group(1) if match else "Other", None, True
    browser = next((name for pattern, name in BROWSERS if pattern.search(ua)), "Other")
    system = next((name for pattern, name in SYSTEMS if pattern.search(ua)), None)
    device = "tablet" if TABLET.search(ua) else "mobile" if MOBILE.search(ua) else "desktop"
    return device, browser, system, False


def anonymize_ip(ip):
    if ip is None:
        return None
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def referrer_class(referrer, page_host):
    if not referrer or not referrer.strip():
        return "direct"
    host = urlsplit(referrer.strip()).hostname
    if host is None:
        return "other"
    if page_host is not None and host.removeprefix("www.") == page_host.removeprefix("www."):
        return "internal"
    candidate = host
    while True:
        if candidate in SOCIAL_DOMAINS:
            return "social"
        dot = candidate.find(".")
        if dot < 0:
            break
        candidate = candidate[dot + 1:]
    labels = host.split(".")
    if len(labels) >= 2:
        registrable = len(labels) - 2
        if len(labels[-1]) == 2 and len(labels[-2]) <= 3 and len(labels) >= 3:
            registrable = len(labels) - 3
        if labels[registrable] in SEARCH_LABELS:
            return "search"
    return "other"


def iso_millis(millis):
    return datetime.fromtimestamp(millis / 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def event_millis(value):
    if isinstance(value, bool):
        raise Invalid("WRONG_TYPE", "event_time is a boolean")
    if isinstance(value, int):
        return value
    if not isinstance(value, str):
        raise Invalid("WRONG_TYPE", "event_time is neither a string nor a number")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Invalid("BAD_TIMESTAMP", "event_time is not ISO-8601: " + value[:40])
    if parsed.tzinfo is None:
        raise Invalid("BAD_TIMESTAMP", "event_time has no offset")
    return int(parsed.timestamp() * 1000)


def validate(data):
    if len(data) > MAX_RECORD_BYTES:
        raise Invalid("RECORD_TOO_LARGE", "record over 1,000,000 bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("INVALID_UTF8", "the record is not valid UTF-8")
    try:
        event = json.loads(text)
    except ValueError as e:
        raise Invalid("MALFORMED_JSON", str(e))
    if not isinstance(event, dict):
        raise Invalid("MALFORMED_JSON", "the record is not a JSON object")
    for field in REQUIRED:
        if event.get(field) is None:
            raise Invalid("MISSING_FIELD", field + " is missing")
    if not isinstance(event["schema_version"], int) or isinstance(event["schema_version"], bool):
        raise Invalid("WRONG_TYPE", "schema_version is not an int")
    for field in ("event_id", "event_type", "session_id", "page_url"):
        if not isinstance(event[field], str):
            raise Invalid("WRONG_TYPE", field + " is not a string")
    if event["event_type"] not in EVENT_TYPES:
        raise Invalid("BAD_ENUM", "unknown event_type " + event["event_type"][:40])
    try:
        event["event_id"] = str(uuid.UUID(event["event_id"]))
    except ValueError:
        raise Invalid("BAD_UUID", "event_id is not a UUID")
    for field in OPTIONAL_STRINGS:
        value = event.get(field)
        if value is not None and not isinstance(value, str):
            raise Invalid("WRONG_TYPE", field + " is not a string")
    quantity = event.get("quantity")
    if quantity is not None and (not isinstance(quantity, int) or isinstance(quantity, bool)):
        raise Invalid("WRONG_TYPE", "quantity is not an int")
    price = event.get("price")
    if price is not None:
        try:
            event["price"] = Decimal(str(price)).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise Invalid("WRONG_TYPE", "price is not a decimal")
    event["_event_millis"] = event_millis(event["event_time"])
    return event


def enrich(event, record, now_millis, processed_iso):
    url = urlsplit(event["page_url"])
    query = parse_qs(url.query) if url.query else {}
    device, browser, system, is_bot = classify_user_agent(event.get("user_agent"))
    kinesis = record.get("kinesisRecordMetadata") or {}
    subsequence = kinesis.get("subsequenceNumber")
    event_iso = iso_millis(event["_event_millis"])
    received = record.get("approximateArrivalTimestamp")
    row = {
        "schema_version": event["schema_version"],
        "event_id": event["event_id"],
        "event_type": event["event_type"],
        "event_ts": event_iso,
        "session_id": event["session_id"],
        "user_id": event.get("user_id"),
        "page_url": event["page_url"],
        "url_host": url.hostname,
        "url_path": url.path or None,
        "utm_source": query.get("utm_source", [None])[0],
        "utm_medium": query.get("utm_medium", [None])[0],
        "utm_campaign": query.get("utm_campaign", [None])[0],
        "referrer": event.get("referrer"),
        "referrer_class": referrer_class(event.get("referrer"), url.hostname),
        "user_agent": event.get("user_agent"),
        "device_class": device,
        "browser": browser,
        "os": system,
        "is_bot": is_bot,
        "ip_anonymized": anonymize_ip(event.get("ip")),
        "product_id": event.get("product_id"),
        "price": event.get("price"),
        "currency": event.get("currency"),
        "quantity": event.get("quantity"),
        "search_query": event.get("search_query"),
        "received_ts": iso_millis(received) if received else None,
        "processed_ts": processed_iso,
        "kinesis_shard_id": kinesis.get("shardId"),
        "kinesis_sequence_number": kinesis.get("sequenceNumber"),
        "kinesis_subsequence_number": int(subsequence) if subsequence else None,
        "event_date": event_iso[:10],
        "event_hour": event_iso[11:13],
    }
    return {k: (float(v) if isinstance(v, Decimal) else v) for k, v in row.items() if v is not None}


def lambda_handler(event, context):
    now_millis = int(time.time() * 1000)
    processed_iso = iso_millis(now_millis)
    output = []
    for record in event["records"]:
        try:
            payload = base64.b64decode(record["data"], validate=True)
        except (binascii.Error, KeyError):
            output.append({"recordId": record.get("recordId"), "result": "ProcessingFailed", "data": ""})
            continue
        try:
            row = enrich(validate(payload), record, now_millis, processed_iso)
        except Invalid as e:
            # One JSON log line per failed record, as firelake's transform logs it (to CloudWatch on Lambda).
            print(json.dumps({"level": "ERROR", "event": "record_failed", "recordId": record["recordId"],
                              "reason": e.code, "message": str(e)}), file=sys.stderr)
            output.append({"recordId": record["recordId"], "result": "ProcessingFailed", "data": record["data"]})
            continue
        line = json.dumps(row, separators=(",", ":")).encode("utf-8") + b"\n"
        output.append({"recordId": record["recordId"], "result": "Ok",
                       "data": base64.b64encode(line).decode("ascii"),
                       "metadata": {"partitionKeys": {"event_date": row["event_date"],
                                                      "event_hour": row["event_hour"]}}})
    return {"records": output}
