"""Runs the Python peer the way the Lambda Python runtime would on one instance, for the transform-against-Python
benchmark: import the handler (init), answer one request (the cold invocation; the runtime's json.loads of the
request and json.dumps of the response included), print FIRST, then answer the same request back to back for
--seconds and print DONE, the tail being the last quarter of the time. The same two lines as the Java launcher
(io.firelake.benchmarks.coldstart.launcher.WarmStreamLauncher); CPU is the process's user + system time.

Usage: python3 benchmarks/python/run_peer.py --seconds 60 REQUEST.json
"""
import os
import sys
import time


def cpu_ms():
    t = os.times()
    return int((t.user + t.system) * 1000)


def main():
    if len(sys.argv) != 4 or sys.argv[1] != "--seconds":
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    seconds = float(sys.argv[2])
    with open(sys.argv[3], "rb") as f:
        request = f.read()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import json
    from blueprint_transform import lambda_handler

    def invoke():
        return json.dumps(lambda_handler(json.loads(request), None)).encode("utf-8")

    response = invoke()
    print(f"FIRST cpuMs={cpu_ms()} responseBytes={len(response)}", flush=True)
    start = time.monotonic()
    start_cpu = cpu_ms()
    end = start + seconds
    tail_from = end - seconds / 4
    tail_start = tail_cpu = 0
    batches = tail_batches = 0
    now = start
    while now < end:
        invoke()
        batches += 1
        now = time.monotonic()
        if now >= tail_from:
            if not tail_start:
                tail_start, tail_cpu = now, cpu_ms()
            else:
                tail_batches += 1
    cpu = cpu_ms()
    print(f"DONE batches={batches} wallMs={int((now - start) * 1000)} cpuMs={cpu - start_cpu} "
          f"tailBatches={tail_batches} tailWallMs={int((now - tail_start) * 1000)} tailCpuMs={cpu - tail_cpu}",
          flush=True)


if __name__ == "__main__":
    main()
