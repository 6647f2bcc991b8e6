"""Export a trained model to CTranslate2 (int8) and wrap it as an Argos Translate package."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import numpy as np


def _np(t) -> np.ndarray:
    # A copy: the converter scales and quantises arrays in place, and numpy() shares the tensor's memory, so
    # without it an export would corrupt the live model (it did: a training run diverged after a checkpoint).
    return t.detach().to("cpu").float().numpy().copy()


def build_spec(model, vocab: list[str]):
    """The CTranslate2 TransformerSpec holding this model's weights (names mirror model.py)."""
    from ctranslate2.specs import common_spec, transformer_spec

    cfg = model.cfg
    spec = transformer_spec.TransformerSpec.from_config(
        (cfg.encoder_layers, cfg.decoder_layers), cfg.heads, pre_norm=True,
        activation=common_spec.Activation.RELU,
    )
    sd = {k: _np(v) for k, v in model.state_dict().items()}
    positions = _np(model.positions)
    emb = sd["embed.weight"]

    def linear(lspec, name):
        lspec.weight = sd[f"{name}.weight"]
        lspec.bias = sd[f"{name}.bias"]

    def norm(nspec, name):
        nspec.gamma = sd[f"{name}.weight"]
        nspec.beta = sd[f"{name}.bias"]

    def attention(aspec, name, self_attention):
        q, k, v = (sd[f"{name}.{p}.weight"] for p in "qkv")
        qb, kb, vb = (sd[f"{name}.{p}.bias"] for p in "qkv")
        if self_attention:
            aspec.linear[0].weight = np.concatenate([q, k, v])
            aspec.linear[0].bias = np.concatenate([qb, kb, vb])
        else:
            aspec.linear[0].weight, aspec.linear[0].bias = q, qb
            aspec.linear[1].weight = np.concatenate([k, v])
            aspec.linear[1].bias = np.concatenate([kb, vb])
        linear(aspec.linear[-1], f"{name}.out")

    def ffn(fspec, name):
        norm(fspec.layer_norm, f"{name}.norm")
        linear(fspec.linear_0, f"{name}.linear_0")
        linear(fspec.linear_1, f"{name}.linear_1")

    enc = spec.encoder
    enc.embeddings[0].weight = emb
    enc.position_encodings.encodings = positions
    norm(enc.layer_norm, "encoder_norm")
    for i, layer in enumerate(enc.layer):
        norm(layer.self_attention.layer_norm, f"encoder.{i}.self_norm")
        attention(layer.self_attention, f"encoder.{i}.self_attn", True)
        ffn(layer.ffn, f"encoder.{i}.ffn")

    dec = spec.decoder
    dec.embeddings.weight = emb
    dec.position_encodings.encodings = positions
    norm(dec.layer_norm, "decoder_norm")
    dec.projection.weight = emb
    dec.projection.bias = sd["output_bias"]
    for i, layer in enumerate(dec.layer):
        norm(layer.self_attention.layer_norm, f"decoder.{i}.self_norm")
        attention(layer.self_attention, f"decoder.{i}.self_attn", True)
        norm(layer.attention.layer_norm, f"decoder.{i}.cross_norm")
        attention(layer.attention, f"decoder.{i}.cross_attn", False)
        ffn(layer.ffn, f"decoder.{i}.ffn")

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def convert(model, vocab: list[str], output_dir: Path, quantization: str = "int8") -> None:
    from ctranslate2.converters.converter import Converter

    spec = build_spec(model, vocab)

    class _SpecConverter(Converter):
        def _load(self):
            return spec

    _SpecConverter().convert(str(output_dir), quantization=quantization, force=True)


def write_package(model, vocab: list[str], spm_path: Path, package_dir: Path, metadata: dict,
                  extra_files: dict[str, str] | None = None, quantization: str = "int8") -> Path:
    """Write an Argos package directory atomically: metadata.json, model/, sentencepiece.model."""
    package_dir = Path(package_dir)
    package_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".pkg-", dir=package_dir.parent))
    tmp.chmod(0o755)
    try:
        convert(model, vocab, tmp / "model", quantization)
        shutil.copyfile(spm_path, tmp / "sentencepiece.model")
        (tmp / "metadata.json").write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", "utf-8")
        for name, text in (extra_files or {}).items():
            (tmp / name).write_text(text, "utf-8")
        old = None
        if package_dir.exists():
            old = package_dir.with_name(package_dir.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            package_dir.rename(old)
        tmp.rename(package_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return package_dir
