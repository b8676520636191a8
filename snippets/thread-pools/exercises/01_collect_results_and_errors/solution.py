import time
from concurrent.futures import ThreadPoolExecutor


def parse(text):
    time.sleep(0.1 * len(text))  # longer texts take longer
    return int(text)


inputs = ["10", "2", "x", "400", "y"]
with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(parse, text) for text in inputs]
for text, future in zip(inputs, futures, strict=True):
    try:
        print(f"{text} -> {future.result()}")
    except ValueError as error:
        print(f"{text} -> error: {type(error).__name__}")
print("done")
