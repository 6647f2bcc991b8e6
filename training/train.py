"""Train the bundled de→en model: resumable, checkpointed, time-boxed, deterministic seeds.

    python -m training.train --data ../shared/data --run runs/de_en --minutes 120 \
        --package seeds/model/translate-de_en

Re-running the same command resumes from ``RUN/checkpoint.pt``. Each checkpoint also refreshes the Argos package
at ``--package`` (int8), so a usable model exists from the first checkpoint on.

Continue training a shipped package (its weights and its SentencePiece model) instead of starting from scratch:

    python -m training.train --init-from seeds/model/translate-de_en --run runs/de_en_v2 --lr 3e-4 --warmup 200

Every checkpoint measures the loss on the held-out split (``state["val"]``) and keeps the best weights in
``RUN/best.pt``; ``--export-only --best`` exports those.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from training import data as data_mod
from training.export import write_package
from training.model import ModelConfig, Transformer


def train_vocab(pairs: list[data_mod.Pair], run: Path, vocab_size: int, seed: int) -> Path:
    import sentencepiece as spm

    text_path = run / "spm-train.txt"
    rng = random.Random(seed)
    with text_path.open("w", encoding="utf-8") as f:
        for p in pairs:
            f.write(p.de + "\n")
            f.write(p.en + "\n")
    del rng
    prefix = run / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(text_path), model_prefix=str(prefix), vocab_size=vocab_size, model_type="unigram",
        character_coverage=1.0, byte_fallback=True, unk_id=0, bos_id=1, eos_id=2, pad_id=3,
        user_defined_symbols=data_mod.PLACEHOLDERS, input_sentence_size=400000, shuffle_input_sentence=True,
        seed_sentencepiece_size=200000, num_threads=2, minloglevel=2, split_digits=True,
    )
    text_path.unlink()
    return prefix.with_suffix(".model")


def make_batches(encoded: list[tuple[list[int], list[int]]], max_tokens: int, rng: random.Random):
    order = sorted(range(len(encoded)), key=lambda i: (max(len(encoded[i][0]), len(encoded[i][1])) + rng.random()))
    batches, current, longest = [], [], 0
    for i in order:
        n = max(len(encoded[i][0]), len(encoded[i][1]) + 1)
        if current and max(longest, n) * (len(current) + 1) > max_tokens:
            batches.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, n)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def collate(encoded, idx, cfg: ModelConfig):
    src_len = max(len(encoded[i][0]) for i in idx)
    tgt_len = max(len(encoded[i][1]) for i in idx) + 1
    src = torch.full((len(idx), src_len), cfg.pad_id, dtype=torch.long)
    tin = torch.full((len(idx), tgt_len), cfg.pad_id, dtype=torch.long)
    tout = torch.full((len(idx), tgt_len), cfg.pad_id, dtype=torch.long)
    for row, i in enumerate(idx):
        s, t = encoded[i]
        src[row, : len(s)] = torch.tensor(s)
        tin[row, : len(t) + 1] = torch.tensor([cfg.bos_id] + t)
        tout[row, : len(t) + 1] = torch.tensor(t + [cfg.eos_id])
    return src, tin, tout


def parse_weights(items: list[str]) -> dict[str, float]:
    """``CORPUS=SHARE`` options: the share of that corpus's pairs drawn afresh in each epoch (0..1)."""
    weights = {}
    for item in items:
        name, _, share = item.partition("=")
        try:
            value = float(share)
        except ValueError:
            raise SystemExit(f"--weight {item!r}: expected CORPUS=SHARE, e.g. wmt-general/ende-systems=0.5") from None
        if not name or not 0 <= value <= 1:
            raise SystemExit(f"--weight {item!r}: expected CORPUS=SHARE with SHARE between 0 and 1")
        weights[name] = value
    return weights


def epoch_pairs(pairs: list[data_mod.Pair], rng: random.Random, weights: dict[str, float], short_repeat: int,
                name_copy: float, strip_punct: float = 0.0) -> list[data_mod.Pair]:
    """This epoch's pairs: weighted corpora subsampled, short segments repeated, name-copy pairs added, closing
    punctuation dropped from a share."""
    out = []
    for p in pairs:
        share = weights.get(p.corpus, 1.0)
        if share < 1.0 and rng.random() >= share:
            continue
        out.append(p)
        if short_repeat > 1 and len(p.de.split()) <= 3:
            out.extend([p] * (short_repeat - 1))
    if name_copy:
        out.extend(data_mod.name_copies(out, rng, name_copy))
    return data_mod.strip_final_punctuation(out, rng, strip_punct)


@torch.no_grad()
def validation_loss(model: Transformer, encoded, cfg: ModelConfig, device: str, max_tokens: int) -> float:
    """Mean per-token cross-entropy (no label smoothing) on the held-out pairs, dropout off."""
    was_training = model.training
    model.eval()
    total, tokens = 0.0, 0
    for idx in make_batches(encoded, max_tokens, random.Random(0)):
        src, tin, tout = (t.to(device) for t in collate(encoded, idx, cfg))
        logits = model(src, tin)
        total += float(F.cross_entropy(logits.float().view(-1, cfg.vocab_size), tout.view(-1),
                                       ignore_index=cfg.pad_id, reduction="sum"))
        tokens += int((tout != cfg.pad_id).sum())
    model.train(was_training)
    return total / max(tokens, 1)


def encode_epoch(pairs, sp, rng, phrases, max_len, augment: bool, placeholder_share: float = 0.25):
    out = []
    for p in pairs:
        if augment:
            p = data_mod.augment(p, rng, phrases, p_placeholder=placeholder_share)
        s, t = sp.encode(p.de), sp.encode(p.en)
        if 0 < len(s) <= max_len and 0 < len(t) < max_len:
            out.append((s, t))
    return out


def fast_bf16(device: str) -> bool:
    """Whether bfloat16 autocast pays on ``device``: a GPU, or a CPU with native bfloat16 instructions."""
    if not str(device).startswith("cpu"):
        return True
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8").split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def lr_at(step: int, peak: float, warmup: int) -> float:
    step = max(step, 1)
    return peak * min(step / warmup, math.sqrt(warmup / step))


def package_metadata(info: dict) -> dict:
    return {
        "package_version": info["version"],
        "argos_version": "1.9.0",
        "from_code": "de",
        "from_name": "German",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "name": "Glossator bundled de→en (small)",
        "license": "Model weights: trained by Glossator from research corpora (see MODEL.md); "
                   "non-commercial/research terms of Multi30k and WMT test sets apply.",
        "glossator": info,
    }


def export_package(weights: Transformer, vocab: list[str], spm_path: Path, package: Path, state: dict,
                   n_params: int, threads: int, which: str, decoding: dict | None = None,
                   version: str | None = None) -> None:
    info = {"version": version or f"0.1.{state['step']}", "steps": state["step"], "epochs": state["epoch"],
            "train_minutes": round(state["seconds"] / 60, 1), "pairs": state["pairs"], "params": n_params,
            "config": state["config"], "weights": which, "where": f"{os.uname().nodename}, CPU only",
            "threads": threads}
    if decoding:
        info["decoding"] = decoding
    was_training = weights.training
    weights.eval()
    write_package(weights, vocab, spm_path, package, package_metadata(info))
    weights.train(was_training)


def save_checkpoint(path: Path, model, ema, opt, state: dict) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "state": state}, tmp)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--run", type=Path, default=Path("runs/de_en"))
    ap.add_argument("--package", type=Path, default=None, help="Argos package directory refreshed at checkpoints")
    ap.add_argument("--minutes", type=float, default=120.0, help="training time budget for this invocation")
    ap.add_argument("--checkpoint-minutes", type=float, default=10.0)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps in total (0: no limit)")
    ap.add_argument("--max-tokens", type=int, default=6000)
    ap.add_argument("--vocab-size", type=int, default=8000)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--ff", type=int, default=1024)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--encoder-layers", type=int, default=6)
    ap.add_argument("--decoder-layers", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=1000)
    ap.add_argument("--limit-pairs", type=int, default=0, help="use only this many pairs (smoke tests)")
    ap.add_argument("--holdout", type=int, default=600)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--weights", choices=("model", "ema"), default="model",
                    help="which weights go into the package: the trained ones or their moving average")
    ap.add_argument("--no-repeat-ngram-size", type=int, default=0,
                    help="decoding option written into the package (see training/tune.py)")
    ap.add_argument("--repetition-penalty", type=float, default=0.0,
                    help="decoding option written into the package (see training/tune.py)")
    ap.add_argument("--length-penalty", type=float, default=0.0,
                    help="decoding option written into the package (see training/tune.py; 0: the engine's default)")
    ap.add_argument("--export-only", action="store_true",
                    help="write the package from RUN/checkpoint.pt and stop (no training)")
    ap.add_argument("--bf16", action=argparse.BooleanOptionalAction, default=None,
                    help="bfloat16 autocast for the forward pass (default: on a GPU, or a CPU with AVX-512 BF16 or "
                         "AMX; without them bfloat16 is emulated and about ten times slower)")
    ap.add_argument("--init-from", type=Path, default=None,
                    help="start from this Argos package's weights and SentencePiece model (a new run only)")
    ap.add_argument("--extra", action=argparse.BooleanOptionalAction, default=True,
                    help="also train on data.EXTRA_CORPORA (wmt-general) where the data folder has them")
    ap.add_argument("--weight", action="append", default=[], metavar="CORPUS=SHARE",
                    help="draw only this share of a corpus in each epoch, e.g. wmt-general/ende-systems=0.5")
    ap.add_argument("--short-repeat", type=int, default=1,
                    help="repeat pairs with at most three German words this many times per epoch")
    ap.add_argument("--name-copy", type=float, default=0.0,
                    help="share of pairs that add a one-word name-copy pair (source = target) per epoch")
    ap.add_argument("--strip-punct", type=float, default=0.0,
                    help="share of pairs whose closing punctuation is dropped on both sides, per epoch")
    ap.add_argument("--placeholder-share", type=float, default=0.25,
                    help="share of pairs whose shared words become ⟦k⟧ placeholders on both sides, per epoch")
    ap.add_argument("--best", action="store_true", help="with --export-only: export RUN/best.pt")
    ap.add_argument("--package-version", default=None,
                    help="with --export-only: the package version written into metadata.json (default 0.1.STEP)")
    ap.add_argument("--device", default="cpu", help="torch device: cpu or cuda")
    args = ap.parse_args(argv)
    weights_by_corpus = parse_weights(args.weight)
    device = args.device
    if args.bf16 is None:
        args.bf16 = fast_bf16(device)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run: Path = args.run
    run.mkdir(parents=True, exist_ok=True)
    started = time.time()

    pairs = data_mod.read_corpora(args.data / "train")
    train_pairs, held = data_mod.split_holdout(pairs, args.holdout, args.seed)
    if args.extra:
        train_pairs += data_mod.read_corpora(args.data / "train", data_mod.EXTRA_CORPORA)
    if args.limit_pairs:
        train_pairs = train_pairs[: args.limit_pairs]
    (run / "holdout.json").write_text(json.dumps([p.__dict__ for p in held], ensure_ascii=False), "utf-8")

    import sentencepiece as spm

    spm_path = run / "sentencepiece.model"
    ckpt = run / "checkpoint.pt"
    init = None
    if args.init_from and not ckpt.exists():
        from training.warmstart import load_package

        init, _ = load_package(args.init_from)
        shutil.copyfile(args.init_from / "sentencepiece.model", spm_path)
    if not spm_path.exists():
        spm_path = train_vocab(train_pairs, run, args.vocab_size, args.seed)
    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]

    saved = torch.load(ckpt, weights_only=False, map_location="cpu") if ckpt.exists() else None
    if saved is not None:  # a resumed run keeps the shape it was started with
        cfg = ModelConfig(**saved["state"]["config"])
    elif init is not None:
        cfg = init.cfg
    else:
        cfg = ModelConfig(vocab_size=len(vocab), d_model=args.d_model, heads=args.heads, ff=args.ff,
                          encoder_layers=args.encoder_layers, decoder_layers=args.decoder_layers)
    model = Transformer(cfg) if init is None else init
    ema = Transformer(cfg)
    ema.load_state_dict(model.state_dict())
    ema.eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    state = {"step": 0, "epoch": 0, "seconds": 0.0, "config": cfg.to_dict(), "pairs": len(train_pairs),
             "log": [], "val": []}
    if init is not None:
        state["init_from"] = str(args.init_from)
    if saved is not None:
        model.load_state_dict(saved["model"])
        ema.load_state_dict(saved["ema"])
        opt.load_state_dict(saved["opt"])
        state = saved["state"]
        state.setdefault("val", [])
        print(f"resumed at step {state['step']} ({state['seconds'] / 60:.1f} min trained)", flush=True)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"{len(train_pairs)} training pairs, {len(held)} held out, vocab {len(vocab)}, {n_params / 1e6:.1f}M params",
          flush=True)

    if args.export_only:
        if not ckpt.exists() or not args.package:
            raise SystemExit("--export-only needs RUN/checkpoint.pt and --package")
        if args.best:
            if not (run / "best.pt").exists():
                raise SystemExit("--best needs RUN/best.pt (written when the held-out loss improves)")
            best = torch.load(run / "best.pt", weights_only=False, map_location="cpu")
            model.load_state_dict(best["model"])
            ema.load_state_dict(best["ema"])
            state = best["state"]
        decoding = {k: v for k, v in (("no_repeat_ngram_size", args.no_repeat_ngram_size),
                                      ("repetition_penalty", args.repetition_penalty),
                                      ("length_penalty", args.length_penalty)) if v}
        export_package(model if args.weights == "model" else ema, vocab, spm_path, args.package, state, n_params,
                       args.threads, args.weights, decoding, args.package_version)
        return

    model.to(device)
    ema.to(device)
    # Adam's moments follow the parameters' device when loaded after .to(); a resumed state dict may be on cpu.
    for st in opt.state.values():
        for k, v in st.items():
            if torch.is_tensor(v) and k != "step":
                st[k] = v.to(device)
    phrases = data_mod.english_phrases(train_pairs, seed=args.seed)
    held_encoded = encode_epoch(held, sp, random.Random(0), phrases, 200, augment=False)
    deadline = started + args.minutes * 60
    last_ckpt = time.time()
    ema_decay = 0.999
    autocast_device = "cuda" if str(device).startswith("cuda") else "cpu"

    def validate() -> float:
        with torch.autocast(autocast_device, dtype=torch.bfloat16, enabled=args.bf16):
            loss, ema_loss = (validation_loss(m, held_encoded, cfg, device, args.max_tokens) for m in (model, ema))
        entry = {"step": state["step"], "loss": round(loss, 4), "ema_loss": round(ema_loss, 4),
                 "minutes": round(state["seconds"] / 60, 1)}
        state["val"].append(entry)
        print(json.dumps({"val": entry}), flush=True)
        return min(loss, ema_loss)

    if not state["val"]:
        validate()  # the starting point (for --init-from: the shipped model's held-out loss)

    def checkpoint() -> None:
        nonlocal last_ckpt
        best_before = min((min(v["loss"], v["ema_loss"]) for v in state["val"]), default=float("inf"))
        current = validate()
        save_checkpoint(ckpt, model, ema, opt, state)
        if current < best_before:
            tmp = run / "best.tmp"
            torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "state": state}, tmp)
            os.replace(tmp, run / "best.pt")
        if args.package:
            export_package(model if args.weights == "model" else ema, vocab, spm_path, args.package, state,
                           n_params, args.threads, args.weights)
        last_ckpt = time.time()
        print(f"checkpoint at step {state['step']}", flush=True)

    stop = False
    while not stop:
        rng = random.Random(args.seed + state["epoch"])
        chosen = epoch_pairs(train_pairs, rng, weights_by_corpus, args.short_repeat, args.name_copy,
                             args.strip_punct)
        encoded = encode_epoch(chosen, sp, rng, phrases, 200, augment=True,
                               placeholder_share=args.placeholder_share)
        batches = make_batches(encoded, args.max_tokens, rng)
        skip = state.get("batch_in_epoch", 0)
        model.train()
        t_log, loss_sum, tok_sum = time.time(), 0.0, 0
        for b_index, idx in enumerate(batches):
            if b_index < skip:
                continue
            t0 = time.time()
            src, tin, tout = (t.to(device) for t in collate(encoded, idx, cfg))
            # bfloat16 matmuls (AVX-512 BF16 on this machine) are ~1.5x faster on CPU; the loss stays float32.
            with torch.autocast(autocast_device, dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(src, tin)
            loss = F.cross_entropy(logits.float().view(-1, cfg.vocab_size), tout.view(-1), ignore_index=cfg.pad_id,
                                   label_smoothing=0.1, reduction="sum")
            ntok = int((tout != cfg.pad_id).sum())
            opt.zero_grad(set_to_none=True)
            (loss / ntok).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            state["step"] += 1
            for group in opt.param_groups:
                group["lr"] = lr_at(state["step"], args.lr, args.warmup)
            opt.step()
            with torch.no_grad():
                decay = min(ema_decay, (1 + state["step"]) / (10 + state["step"]))
                for pe, pm in zip(ema.parameters(), model.parameters()):
                    pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
            state["seconds"] += time.time() - t0
            state["batch_in_epoch"] = b_index + 1
            loss_sum += float(loss.detach())
            tok_sum += ntok
            if state["step"] % 25 == 0:
                rate = tok_sum / (time.time() - t_log)
                line = {"step": state["step"], "epoch": state["epoch"], "loss": round(loss_sum / tok_sum, 3),
                        "tok_s": round(rate), "minutes": round(state["seconds"] / 60, 1)}
                state["log"].append(line)
                print(json.dumps(line), flush=True)
                t_log, loss_sum, tok_sum = time.time(), 0.0, 0
            if time.time() - last_ckpt > args.checkpoint_minutes * 60:
                checkpoint()
            if time.time() > deadline or (args.max_steps and state["step"] >= args.max_steps):
                stop = True
                break
        else:
            state["epoch"] += 1
            state["batch_in_epoch"] = 0
    checkpoint()


if __name__ == "__main__":
    main()
