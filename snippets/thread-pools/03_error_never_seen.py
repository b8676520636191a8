from concurrent.futures import ThreadPoolExecutor


def check(n):
    if n == 3:
        raise ValueError(f"bad input: {n}")
    return n * 10


with ThreadPoolExecutor(max_workers=5) as executor:
    results = executor.map(check, range(5))  # (1)!

print("Finished without a word about task 3")
