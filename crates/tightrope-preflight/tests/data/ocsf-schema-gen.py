import json, os, sys, re
# The unpacked `ocsf-json-schema` wheel (override with OJS=/path/to/unpacked).
OJS = os.environ.get("OJS", "/tmp/pf-pkgs/ojs")
sys.path.insert(0, OJS)
from ocsf_json_schema import OcsfJsonSchema
version = sys.argv[1]; cls = sys.argv[2]
raw = json.load(open(f"{OJS}/ocsf_json_schema/ocsf/{version}.json"))
s = OcsfJsonSchema(raw)
root = s.get_class_schema(cls)
defs = {}
todo = []
def refs(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "$ref": todo.append(v)
            else: refs(v)
    elif isinstance(o, list):
        for v in o: refs(v)
refs(root)
while todo:
    u = todo.pop()
    if u in defs: continue
    name = u.split("/objects/",1)[1].split("?")[0]
    d = s.get_object_schema(name)
    d.pop("$schema", None)
    defs[u] = d
    refs(d)
root["$defs"] = {re.sub(r"[^a-z0-9_]", "_", u.split("/objects/",1)[1]): d for u, d in sorted(defs.items())}
json.dump(root, sys.stdout, indent=1, sort_keys=True)
