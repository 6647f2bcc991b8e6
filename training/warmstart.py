"""Read a shipped CTranslate2 package back into the PyTorch Transformer, to continue training from it.

The inverse of ``training/export.py``. CTranslate2's ``model.bin`` (binary version 6) is:

- ``uint32`` binary version, a string spec name, ``uint32`` spec revision, ``uint32`` number of variables;
- per variable: a string name, ``uint8`` rank, ``uint32`` per dimension, ``uint8`` dtype id (float32, int8, int16,
  int32, float16, bfloat16), ``uint32`` byte count, the raw little-endian data;
- ``uint32`` number of aliases, then (alias, variable name) string pairs (the tied embeddings are aliases).

Strings are a ``uint16`` length (including a trailing NUL) and the UTF-8 bytes. An int8 matrix comes with
``<name>_scale`` (one float per row: ``quantized = round(weight * scale)``), so ``weight = quantized / scale``.

    python -m training.train --init-from seeds/model/translate-de_en --run runs/de_en_v2 ...
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np

_DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")


class ModelFileError(ValueError):
    """A model.bin that this reader does not understand (another format version or spec)."""


def read_model_bin(path: str | Path) -> tuple[str, dict[str, np.ndarray]]:
    """The spec name and every variable of a CTranslate2 model.bin, int8 matrices dequantised to float32."""
    data = Path(path).read_bytes()
    offset = 0

    def unpack(fmt: str):
        nonlocal offset
        (value,) = struct.unpack_from("<" + fmt, data, offset)
        offset += struct.calcsize("<" + fmt)
        return value

    def string() -> str:
        nonlocal offset
        n = unpack("H")
        text = data[offset: offset + n - 1].decode("utf-8")
        offset += n
        return text

    version = unpack("I")
    if version not in (5, 6):
        raise ModelFileError(f"{path}: CTranslate2 binary version {version} is not supported (5 or 6)")
    spec = string()
    unpack("I")  # spec revision
    raw: dict[str, np.ndarray] = {}
    for _ in range(unpack("I")):
        name = string()
        shape = [unpack("I") for _ in range(unpack("B"))]
        dtype = _DTYPES[unpack("B")]
        nbytes = unpack("I")
        buf = data[offset: offset + nbytes]
        offset += nbytes
        if dtype == "bfloat16":
            array = (np.frombuffer(buf, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            array = np.frombuffer(buf, dtype=np.dtype(dtype).newbyteorder("<"))
        raw[name] = array.reshape(shape)
    for _ in range(unpack("I")):
        alias, target = string(), string()
        raw[alias] = raw[target]
    if offset != len(data):
        raise ModelFileError(f"{path}: {len(data) - offset} trailing bytes after the aliases")

    out: dict[str, np.ndarray] = {}
    for name, array in raw.items():
        if name.endswith("_scale") and name[: -len("_scale")] in raw:
            continue
        scale = raw.get(name + "_scale")
        if scale is not None and array.dtype == np.int8:
            array = array.astype(np.float32) / scale.astype(np.float32).reshape(-1, *([1] * (array.ndim - 1)))
        elif array.dtype in (np.float16,):
            array = array.astype(np.float32)
        out[name] = array
    return spec, out


def _config_from(variables: dict[str, np.ndarray], meta: dict):
    from training.model import ModelConfig

    saved = (meta.get("glossator") or {}).get("config")
    if saved:
        return ModelConfig(**saved)
    emb = variables["decoder/embeddings/weight"]
    count = lambda side: len({k.split("/")[1] for k in variables if k.startswith(f"{side}/layer_")})  # noqa: E731
    return ModelConfig(vocab_size=emb.shape[0], d_model=emb.shape[1],
                       heads=int(variables["encoder/num_heads"]),
                       ff=variables["encoder/layer_0/ffn/linear_0/weight"].shape[0],
                       encoder_layers=count("encoder"), decoder_layers=count("decoder"),
                       max_positions=variables["decoder/position_encodings/encodings"].shape[0])


def state_dict_from_variables(variables: dict[str, np.ndarray], cfg) -> dict[str, np.ndarray]:
    """Map CTranslate2 variable names onto ``training.model.Transformer`` names (export.py, reversed)."""
    d = cfg.d_model
    sd: dict[str, np.ndarray] = {}

    def linear(ct2: str, name: str):
        sd[f"{name}.weight"] = variables[f"{ct2}/weight"]
        sd[f"{name}.bias"] = variables[f"{ct2}/bias"]

    def norm(ct2: str, name: str):
        sd[f"{name}.weight"] = variables[f"{ct2}/gamma"]
        sd[f"{name}.bias"] = variables[f"{ct2}/beta"]

    def attention(ct2: str, name: str, self_attention: bool):
        if f"{ct2}/queries_scale" in variables:
            raise ModelFileError("pre-scaled queries are not supported")
        if self_attention:
            w, b = variables[f"{ct2}/linear_0/weight"], variables[f"{ct2}/linear_0/bias"]
            parts = zip("qkv", np.split(w, 3), np.split(b, 3))
            out = f"{ct2}/linear_1"
        else:
            kw, kb = variables[f"{ct2}/linear_1/weight"], variables[f"{ct2}/linear_1/bias"]
            parts = [("q", variables[f"{ct2}/linear_0/weight"], variables[f"{ct2}/linear_0/bias"]),
                     ("k", kw[:d], kb[:d]), ("v", kw[d:], kb[d:])]
            out = f"{ct2}/linear_2"
        for p, w, b in parts:
            sd[f"{name}.{p}.weight"], sd[f"{name}.{p}.bias"] = w, b
        linear(out, f"{name}.out")

    def ffn(ct2: str, name: str):
        norm(f"{ct2}/layer_norm", f"{name}.norm")
        linear(f"{ct2}/linear_0", f"{name}.linear_0")
        linear(f"{ct2}/linear_1", f"{name}.linear_1")

    sd["embed.weight"] = variables["decoder/embeddings/weight"]
    sd["output_bias"] = variables["decoder/projection/bias"]
    norm("encoder/layer_norm", "encoder_norm")
    norm("decoder/layer_norm", "decoder_norm")
    for i in range(cfg.encoder_layers):
        ct2 = f"encoder/layer_{i}"
        norm(f"{ct2}/self_attention/layer_norm", f"encoder.{i}.self_norm")
        attention(f"{ct2}/self_attention", f"encoder.{i}.self_attn", True)
        ffn(f"{ct2}/ffn", f"encoder.{i}.ffn")
    for i in range(cfg.decoder_layers):
        ct2 = f"decoder/layer_{i}"
        norm(f"{ct2}/self_attention/layer_norm", f"decoder.{i}.self_norm")
        attention(f"{ct2}/self_attention", f"decoder.{i}.self_attn", True)
        norm(f"{ct2}/attention/layer_norm", f"decoder.{i}.cross_norm")
        attention(f"{ct2}/attention", f"decoder.{i}.cross_attn", False)
        ffn(f"{ct2}/ffn", f"decoder.{i}.ffn")
    return sd


def load_package(package: str | Path, dropout: float | None = None):
    """``(model, vocab)`` from an Argos package written by ``training/export.py`` (int8 or float32)."""
    import torch

    from training.model import Transformer

    package = Path(package)
    spec, variables = read_model_bin(package / "model" / "model.bin")
    if spec != "TransformerSpec":
        raise ModelFileError(f"{package}: spec {spec!r} is not a TransformerSpec")
    meta_path = package / "metadata.json"
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
    cfg = _config_from(variables, meta)
    if dropout is not None:
        cfg.dropout = dropout
    model = Transformer(cfg)
    sd = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in
          state_dict_from_variables(variables, cfg).items()}
    model.load_state_dict(sd, strict=True)
    vocab = json.loads((package / "model" / "shared_vocabulary.json").read_text("utf-8"))
    return model, vocab
