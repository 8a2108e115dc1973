"""The sample itself: a pure function of the seed, the candidates and the size, so anyone holding a draw's
stored seed and candidate list can redo it and get the same orders."""

import random
import secrets

SEED_BITS = 62  # fits a signed 64-bit column


def new_seed() -> int:
    return secrets.randbits(SEED_BITS)


def sample(*, seed: int, population: list[int], size: int) -> list[int]:
    """`size` ids (all of them when there are fewer) drawn without replacement from the ascending candidates."""
    ordered = sorted(population)
    return random.Random(seed).sample(ordered, min(size, len(ordered)))
