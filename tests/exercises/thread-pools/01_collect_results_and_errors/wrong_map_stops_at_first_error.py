import time
from concurrent.futures import ThreadPoolExecutor


def parse(text):
    time.sleep(0.1 * len(text))  # longer texts take longer
    return int(text)


inputs = ["10", "2", "x", "400", "y"]
with ThreadPoolExecutor(max_workers=2) as pool:
    try:
        for text, result in zip(inputs, pool.map(parse, inputs), strict=True):
            print(f"{text} -> {result}")
    except ValueError as error:
        print(f"error: {type(error).__name__}")
print("done")
