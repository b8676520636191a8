from concurrent.futures import ThreadPoolExecutor


def check(n):
    if n == 3:
        raise ValueError(f"bad input: {n}")
    return n * 10


with ThreadPoolExecutor(max_workers=5) as executor:
    results = executor.map(check, range(5))
    print("map() returned: no error yet")  # (1)!
    try:
        for value in results:
            print(f"Got {value}")
    except ValueError as error:
        print(f"Iterating raised {error!r}")  # (2)!
