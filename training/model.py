"""A small pre-norm Transformer whose weights map one-to-one onto CTranslate2's ``TransformerSpec``.

Shared SentencePiece vocabulary; source, target and output embeddings are one matrix. Embeddings are scaled by
sqrt(d_model) and added to sinusoidal position encodings (the table is exported as is).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn


@dataclass
class ModelConfig:
    vocab_size: int = 8000
    d_model: int = 256
    heads: int = 4
    ff: int = 1024
    encoder_layers: int = 6
    decoder_layers: int = 3
    dropout: float = 0.1
    max_positions: int = 512
    pad_id: int = 3
    bos_id: int = 1
    eos_id: int = 2

    def to_dict(self) -> dict:
        return asdict(self)


def sinusoids(length: int, depth: int) -> torch.Tensor:
    """Position encodings as CTranslate2 builds them: sin on the first half of the depth, cos on the second."""
    half = depth // 2
    scale = math.log(10000.0) / (half - 1)
    inv = torch.exp(torch.arange(half, dtype=torch.float32) * -scale)
    pos = torch.arange(length, dtype=torch.float32).unsqueeze(1) * inv.unsqueeze(0)
    return torch.cat([torch.sin(pos), torch.cos(pos)], dim=1)


class Attention(nn.Module):
    def __init__(self, d: int, heads: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(d, d)
        self.k = nn.Linear(d, d)
        self.v = nn.Linear(d, d)
        self.out = nn.Linear(d, d)
        self.dropout = dropout

    def forward(self, x: torch.Tensor, memory: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        b, t, d = x.shape
        s = memory.shape[1]
        h = self.heads

        def split(y: torch.Tensor, n: int) -> torch.Tensor:
            return y.view(b, n, h, d // h).transpose(1, 2)

        q, k, v = split(self.q(x), t), split(self.k(memory), s), split(self.v(memory), s)
        y = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=self.dropout if self.training else 0.0)
        return self.out(y.transpose(1, 2).reshape(b, t, d))


class FeedForward(nn.Module):
    def __init__(self, d: int, ff: int, dropout: float):
        super().__init__()
        self.norm = nn.LayerNorm(d)
        self.linear_0 = nn.Linear(d, ff)
        self.linear_1 = nn.Linear(ff, d)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear_1(self.dropout(F.relu(self.linear_0(self.norm(x)))))


class EncoderLayer(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.self_norm = nn.LayerNorm(cfg.d_model)
        self.self_attn = Attention(cfg.d_model, cfg.heads, cfg.dropout)
        self.ffn = FeedForward(cfg.d_model, cfg.ff, cfg.dropout)
        self.dropout = nn.Dropout(cfg.dropout)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        y = self.self_norm(x)
        x = x + self.dropout(self.self_attn(y, y, mask))
        return x + self.dropout(self.ffn(x))


class DecoderLayer(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.self_norm = nn.LayerNorm(cfg.d_model)
        self.self_attn = Attention(cfg.d_model, cfg.heads, cfg.dropout)
        self.cross_norm = nn.LayerNorm(cfg.d_model)
        self.cross_attn = Attention(cfg.d_model, cfg.heads, cfg.dropout)
        self.ffn = FeedForward(cfg.d_model, cfg.ff, cfg.dropout)
        self.dropout = nn.Dropout(cfg.dropout)

    def forward(self, x, memory, self_mask, cross_mask):
        y = self.self_norm(x)
        x = x + self.dropout(self.self_attn(y, y, self_mask))
        x = x + self.dropout(self.cross_attn(self.cross_norm(x), memory, cross_mask))
        return x + self.dropout(self.ffn(x))


class Transformer(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg.vocab_size, cfg.d_model, padding_idx=cfg.pad_id)
        nn.init.normal_(self.embed.weight, mean=0.0, std=cfg.d_model**-0.5)
        self.register_buffer("positions", sinusoids(cfg.max_positions, cfg.d_model), persistent=False)
        self.encoder = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.encoder_layers))
        self.encoder_norm = nn.LayerNorm(cfg.d_model)
        self.decoder = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.decoder_layers))
        self.decoder_norm = nn.LayerNorm(cfg.d_model)
        self.output_bias = nn.Parameter(torch.zeros(cfg.vocab_size))
        self.dropout = nn.Dropout(cfg.dropout)

    def _embed(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.embed(ids) * math.sqrt(self.cfg.d_model) + self.positions[: ids.shape[1]]
        return self.dropout(x)

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        # Boolean masks: True where attention is allowed.
        src_mask = (src != self.cfg.pad_id)[:, None, None, :]
        x = self._embed(src)
        for layer in self.encoder:
            x = layer(x, src_mask)
        return self.encoder_norm(x), src_mask

    def decode(self, tgt_in: torch.Tensor, memory: torch.Tensor, src_mask: torch.Tensor) -> torch.Tensor:
        t = tgt_in.shape[1]
        causal = torch.ones(t, t, dtype=torch.bool, device=tgt_in.device).tril()[None, None]
        x = self._embed(tgt_in)
        for layer in self.decoder:
            x = layer(x, memory, causal, src_mask)
        return F.linear(self.decoder_norm(x), self.embed.weight, self.output_bias)

    def forward(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        memory, src_mask = self.encode(src)
        return self.decode(tgt_in, memory, src_mask)

    @torch.no_grad()
    def greedy(self, src: torch.Tensor, max_len: int = 128) -> list[list[int]]:
        self.eval()
        memory, src_mask = self.encode(src)
        out = torch.full((src.shape[0], 1), self.cfg.bos_id, dtype=torch.long)
        done = torch.zeros(src.shape[0], dtype=torch.bool)
        for _ in range(max_len):
            logits = self.decode(out, memory, src_mask)[:, -1]
            nxt = logits.argmax(-1)
            nxt = torch.where(done, torch.full_like(nxt, self.cfg.pad_id), nxt)
            out = torch.cat([out, nxt[:, None]], dim=1)
            done |= nxt == self.cfg.eos_id
            if done.all():
                break
        results = []
        for row in out[:, 1:].tolist():
            ids = []
            for i in row:
                if i in (self.cfg.eos_id, self.cfg.pad_id):
                    break
                ids.append(i)
            results.append(ids)
        return results
