#!/usr/bin/env python3
"""Generate a >= 1 GB directory of benign model files (big safetensors and PyTorch zip archives
with STORED tensor data) plus copies of the picklescan samples, for `bench/supply/run.sh`.
No torch needed: the PyTorch archive layout (archive/data.pkl with torch rebuild globals,
archive/data/<key>) is written directly. Usage: generate.py OUT_DIR [SAMPLES_DIR]"""
import json, os, shutil, struct, sys, zipfile

out = sys.argv[1]
samples = sys.argv[2] if len(sys.argv) > 2 else None
os.makedirs(out, exist_ok=True)
CHUNK = os.urandom(1 << 20)

def write_safetensors(path, n_tensors, mb_each):
    header, off = {"__metadata__": {"format": "pt"}}, 0
    for i in range(n_tensors):
        size = mb_each << 20
        header[f"layer.{i}.weight"] = {"dtype": "F32", "shape": [size // 4], "data_offsets": [off, off + size]}
        off += size
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h)
        for _ in range(n_tensors * mb_each):
            f.write(CHUNK)

def data_pkl(n):
    # {'w0': _rebuild_tensor_v2(persistent_load(('storage', FloatStorage, '0', 'cpu', numel)), 0, (numel,), (1,), False, OrderedDict()), ...}
    p = b"\x80\x02}q\x00("
    for i in range(n):
        p += b"X" + struct.pack("<I", len(f"w{i}")) + f"w{i}".encode()
        p += b"ctorch._utils\n_rebuild_tensor_v2\nq\x01("
        p += b"(X\x07\x00\x00\x00storagectorch\nFloatStorage\nX" + struct.pack("<I", len(str(i))) + str(i).encode() + b"X\x03\x00\x00\x00cpuJ\x00\x00\x40\x00tQ"
        p += b"K\x00J\x00\x00\x40\x00\x85K\x01\x85\x89ccollections\nOrderedDict\n)RtR"
    return p + b"u."

def write_pytorch_zip(path, n_tensors, mb_each):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", data_pkl(n_tensors))
        z.writestr("archive/version", "3\n")
        for i in range(n_tensors):
            with z.open(f"archive/data/{i}", "w", force_zip64=True) as f:
                for _ in range(mb_each):
                    f.write(CHUNK)

for k in range(3):
    write_safetensors(os.path.join(out, f"model-{k}.safetensors"), 16, 16)   # 3 x 256 MiB
for k in range(2):
    write_pytorch_zip(os.path.join(out, f"pytorch_model-{k}.bin"), 16, 8)     # 2 x 128 MiB
if samples:
    shutil.copytree(samples, os.path.join(out, "samples"), dirs_exist_ok=True)
total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(out) for f in fs)
print(f"{out}: {total / (1 << 30):.2f} GiB")
