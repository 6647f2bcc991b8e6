"""The training pipeline end to end on a few hundred pairs: vocab, steps, checkpoint, resume, Argos package.

Needs the ``train`` extra (torch); CI installs only ``test``, so there this module is skipped. Run it with
``pip install -e '.[train,test]' && pytest tests/integration/test_training_smoke.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.mark.skipif(not (DATA / "train").is_dir(), reason="needs ../shared/data")
def test_tiny_training_run_resumes_and_exports_a_package_the_engine_loads(tmp_path):
    from glossator.translate.engine import ArgosEngine
    from training.train import main

    run, package = tmp_path / "run", tmp_path / "pkg"
    common = ["--data", str(DATA), "--run", str(run), "--package", str(package), "--limit-pairs", "300",
              "--vocab-size", "600", "--d-model", "32", "--ff", "64", "--heads", "2", "--encoder-layers", "1",
              "--decoder-layers", "1", "--max-tokens", "800", "--holdout", "20", "--no-bf16"]
    main([*common, "--max-steps", "3"])
    state = torch.load(run / "checkpoint.pt", weights_only=False)["state"]
    assert state["step"] == 3
    main([*common, "--max-steps", "5"])  # resumes: two more steps, not five
    assert torch.load(run / "checkpoint.pt", weights_only=False)["state"]["step"] == 5

    meta = json.loads((package / "metadata.json").read_text("utf-8"))
    assert (meta["from_code"], meta["to_code"]) == ("de", "en")
    assert meta["glossator"]["steps"] == 5
    engine = ArgosEngine(package, beam_size=1)
    [out] = engine.translate(["Ein Mann fährt Fahrrad."])
    assert isinstance(out, str)


def test_exported_model_scores_exactly_like_pytorch(tmp_path):
    """CTranslate2 (float32) and the PyTorch model give the same log-probabilities for the same pair."""
    ctranslate2 = pytest.importorskip("ctranslate2")
    import sentencepiece as spm
    import torch.nn.functional as F

    from training.export import convert
    from training.model import ModelConfig, Transformer

    text = tmp_path / "corpus.txt"
    text.write_text("\n".join(["ein Mann fährt Fahrrad .", "a man rides a bike .", "Hallo Welt", "hello world"] * 50))
    spm.SentencePieceTrainer.train(input=str(text), model_prefix=str(tmp_path / "sp"), vocab_size=30,
                                   unk_id=0, bos_id=1, eos_id=2, pad_id=3, minloglevel=2)
    sp = spm.SentencePieceProcessor(model_file=str(tmp_path / "sp.model"))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    torch.manual_seed(0)
    model = Transformer(ModelConfig(vocab_size=len(vocab), d_model=32, heads=2, ff=64, encoder_layers=2,
                                    decoder_layers=2, dropout=0.0))
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.3)
    model.eval()
    convert(model, vocab, tmp_path / "ct2", quantization="float32")
    translator = ctranslate2.Translator(str(tmp_path / "ct2"))
    src, tgt = "ein Mann fährt Fahrrad .", "a man rides a bike ."
    [score] = translator.score_batch([sp.encode(src, out_type=str)], [sp.encode(tgt, out_type=str)])
    ids = sp.encode(tgt)
    logp = F.log_softmax(model(torch.tensor([sp.encode(src)]), torch.tensor([[1, *ids]])), -1)[0]
    ours = [float(logp[k, t]) for k, t in enumerate([*ids, 2])]
    assert ours == pytest.approx(score.log_probs, abs=1e-3)


def test_export_leaves_the_live_model_untouched(tmp_path):
    """The converter scales and quantises arrays in place: exporting must work on copies."""
    from training.export import convert
    from training.model import ModelConfig, Transformer

    model = Transformer(ModelConfig(vocab_size=16, d_model=16, heads=2, ff=32, encoder_layers=1, decoder_layers=1))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    convert(model, [f"t{i}" for i in range(16)], tmp_path / "ct2", quantization="int8")
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


BUNDLED = Path(__file__).resolve().parents[2] / "seeds" / "model" / "translate-de_en"


def test_shipped_package_reads_back_into_pytorch_with_the_same_log_probs():
    """Warm start: the int8 package, dequantised into the PyTorch model, scores like CTranslate2 does."""
    ctranslate2 = pytest.importorskip("ctranslate2")
    import sentencepiece as spm
    import torch.nn.functional as F

    from training.warmstart import load_package

    model, vocab = load_package(BUNDLED)
    model.eval()
    sp = spm.SentencePieceProcessor(model_file=str(BUNDLED / "sentencepiece.model"))
    assert vocab == [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    pairs = [("Ein Mann fährt Fahrrad.", "A man is riding a bike."),
             ("Die Regierung hat am Freitag neue Regeln beschlossen.", "The government adopted new rules on Friday."),
             ("⟦3⟧ sagte, dass ⟦7⟧ kommt.", "⟦3⟧ said that ⟦7⟧ is coming.")]
    # float32 compute: CTranslate2 dequantises the same int8 weights, so only float rounding may differ;
    # int8 compute also quantises activations, which moves a log-prob by a few hundredths.
    for compute_type, tolerance in (("float32", 2e-3), ("int8", 0.15)):
        translator = ctranslate2.Translator(str(BUNDLED / "model"), compute_type=compute_type)
        for src, tgt in pairs:
            [score] = translator.score_batch([sp.encode(src, out_type=str)], [sp.encode(tgt, out_type=str)])
            ids = sp.encode(tgt)
            with torch.no_grad():
                logp = F.log_softmax(model(torch.tensor([sp.encode(src)]), torch.tensor([[1, *ids]])), -1)[0]
            ours = [float(logp[k, t]) for k, t in enumerate([*ids, 2])]
            assert ours == pytest.approx(score.log_probs, abs=tolerance), (compute_type, src)


def test_warm_start_round_trip_gives_the_same_int8_weights(tmp_path):
    """Reading the package and exporting it again reproduces every quantised weight and scale."""
    import numpy as np

    from training.export import convert
    from training.warmstart import load_package, read_model_bin

    model, vocab = load_package(BUNDLED)
    convert(model, vocab, tmp_path / "ct2", quantization="int8")
    spec, original = read_model_bin(BUNDLED / "model" / "model.bin")
    _, again = read_model_bin(tmp_path / "ct2" / "model.bin")
    assert spec == "TransformerSpec"
    assert original.keys() == again.keys()
    for name, value in original.items():
        assert np.allclose(value, again[name], rtol=1e-5, atol=1e-6), name


def test_reader_rejects_a_file_of_another_format(tmp_path):
    from training.warmstart import ModelFileError, read_model_bin

    bad = tmp_path / "model.bin"
    bad.write_bytes((99).to_bytes(4, "little") + b"\0" * 16)
    with pytest.raises(ModelFileError, match="binary version 99"):
        read_model_bin(bad)


@pytest.mark.skipif(not (DATA / "train").is_dir(), reason="needs ../shared/data")
def test_init_from_the_shipped_package_continues_its_weights_and_vocabulary(tmp_path):
    from training.train import main
    from training.warmstart import load_package

    run = tmp_path / "run"
    main(["--data", str(DATA), "--run", str(run), "--init-from", str(BUNDLED), "--limit-pairs", "60",
          "--max-tokens", "600", "--holdout", "20", "--max-steps", "1", "--lr", "1e-9", "--warmup", "1", "--no-bf16",
          "--threads", "1"])
    assert (run / "sentencepiece.model").read_bytes() == (BUNDLED / "sentencepiece.model").read_bytes()
    saved = torch.load(run / "checkpoint.pt", weights_only=False)
    shipped, _ = load_package(BUNDLED)
    assert saved["state"]["config"] == shipped.cfg.to_dict()
    assert saved["state"]["init_from"] == str(BUNDLED)
    # One step at a negligible learning rate: the weights are still the shipped ones.
    for name, value in shipped.state_dict().items():
        assert torch.allclose(saved["model"][name], value, atol=1e-4), name
    assert [v["step"] for v in saved["state"]["val"]] == [0, 1]


@pytest.mark.skipif(not (DATA / "train").is_dir(), reason="needs ../shared/data")
def test_gpu_script_runs_on_cpu_and_its_output_exports_here(tmp_path):
    """training/gpu_train.sh's path with tiny settings; the folder it writes exports and loads on a CPU."""
    import os
    import subprocess
    import sys

    from glossator.translate.engine import ArgosEngine

    repo = Path(__file__).resolve().parents[2]
    out, package = tmp_path / "gpu-run", tmp_path / "pkg"
    tiny = ["--device", "cpu", "--max-steps", "2", "--limit-pairs", "200", "--max-tokens", "800", "--d-model", "32",
            "--heads", "2", "--ff", "64", "--encoder-layers", "1", "--decoder-layers", "1", "--no-bf16",
            "--threads", "1", "--holdout", "20"]
    env = {**os.environ, "PYTHON": sys.executable, "GLOSSATOR_DATA": str(DATA)}
    subprocess.run([str(repo / "training" / "gpu_train.sh"), str(out), *tiny], check=True, env=env, cwd=tmp_path)
    assert {"checkpoint.pt", "holdout.json", "sentencepiece.model"} <= {p.name for p in out.iterdir()}
    from training.train import main

    main(["--data", str(DATA), "--run", str(out), "--export-only", "--package", str(package), "--holdout", "20",
          "--no-repeat-ngram-size", "3", "--package-version", "0.2.2"])
    meta = json.loads((package / "metadata.json").read_text("utf-8"))
    assert meta["glossator"]["steps"] == 2
    assert meta["package_version"] == meta["glossator"]["version"] == "0.2.2"
    [text] = ArgosEngine(package, beam_size=1).translate(["Ein Mann."])
    assert isinstance(text, str)
    bad = subprocess.run([str(repo / "training" / "gpu_train.sh")], capture_output=True, text=True, env=env)
    assert bad.returncode == 1 and bad.stderr.startswith("Error: usage")
