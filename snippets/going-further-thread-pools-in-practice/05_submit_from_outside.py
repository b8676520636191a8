from concurrent.futures import ThreadPoolExecutor


def part(n):
    return n * n


def combine(parts):
    return sum(parts)


with ThreadPoolExecutor(max_workers=1) as pool:
    futures = [pool.submit(part, n) for n in range(1, 4)]  # (1)!
    parts = [f.result() for f in futures]
    total = pool.submit(combine, parts).result()  # (2)!
print(f"Sum of squares: {total}")
