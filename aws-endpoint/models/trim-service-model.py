#!/usr/bin/env python3
"""Trims an AWS service model (botocore's service-2.json, Apache-2.0) to the operations the local endpoint serves.

What is kept is what the endpoint enforces: each operation's input, output and errors, and for every shape reached
from them its type, required members, member wire names, min/max, pattern and enum. Documentation is dropped.

  python3 aws-endpoint/models/trim-service-model.py firehose Firehose.ops > out.json

The models come with the AWS CLI v2 (Debian package awscli):
/usr/lib/python3/dist-packages/awscli/botocore/data/<service>/<version>/service-2.json
"""
import glob
import json
import sys

KEEP_SHAPE = ("type", "required", "member", "key", "value", "min", "max", "pattern", "enum", "exception",
              "error", "timestampFormat")
KEEP_MEMBER = ("shape", "location", "locationName", "jsonvalue")


def main(service, operations):
    paths = sorted(glob.glob(f"/usr/lib/python3/dist-packages/awscli/botocore/data/{service}/*/service-2.json"))
    model = json.load(open(paths[-1]))
    shapes = model["shapes"]
    out_ops, seen = {}, {}

    def visit(name):
        if name in seen:
            return
        shape = shapes[name]
        trimmed = {k: v for k, v in shape.items() if k in KEEP_SHAPE}
        seen[name] = trimmed
        if "members" in shape:
            trimmed["members"] = {m: {k: v for k, v in d.items() if k in KEEP_MEMBER}
                                  for m, d in shape["members"].items()}
            for d in shape["members"].values():
                visit(d["shape"])
        for ref in ("member", "key", "value"):
            if ref in shape:
                trimmed[ref] = {"shape": shape[ref]["shape"]}
                visit(shape[ref]["shape"])

    for op in operations:
        o = model["operations"][op]
        out_ops[op] = {k: o[k] for k in ("input", "output", "errors") if k in o}
        for ref in [o.get("input"), o.get("output")] + o.get("errors", []):
            if ref:
                visit(ref["shape"])
    meta = {k: model["metadata"][k] for k in ("apiVersion", "jsonVersion", "protocol", "serviceId", "targetPrefix",
                                              "endpointPrefix", "signingName", "xmlNamespace") if k in model["metadata"]}
    json.dump({"source": paths[-1].split("/data/")[1], "metadata": meta,
               "allOperations": sorted(model["operations"]), "operations": out_ops,
               "shapes": dict(sorted(seen.items()))}, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], [line.strip() for line in open(sys.argv[2]) if line.strip() and not line.startswith("#")])
