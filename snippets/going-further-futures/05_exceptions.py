from concurrent.futures import ThreadPoolExecutor


def parse(text):
    return int(text)


with ThreadPoolExecutor() as pool:
    good = pool.submit(parse, "42")
    bad = pool.submit(parse, "forty-two")

    print(f"good.exception(): {good.exception()!r}")  # (1)!
    print(f"bad.exception():  {bad.exception()!r}")

    try:
        bad.result()  # (2)!
    except ValueError as error:
        print(f"bad.result() raised: {error}")
