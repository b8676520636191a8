from concurrent.futures import ThreadPoolExecutor


def parse(text):
    return int(text)


with ThreadPoolExecutor() as pool:
    futures = {text: pool.submit(parse, text) for text in ["1", "two", "3"]}

for text, future in futures.items():
    try:
        print(f"{text!r} -> {future.result()}")  # (1)!
    except ValueError as error:
        print(f"{text!r} -> ValueError: {error}")
