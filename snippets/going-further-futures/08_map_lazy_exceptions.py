from concurrent.futures import ThreadPoolExecutor


def parse(text):
    return int(text)


with ThreadPoolExecutor() as pool:
    results = pool.map(parse, ["1", "2", "three", "4"])  # (1)!
    print("map() returned: no error yet")

    try:
        for value in results:  # (2)!
            print(f"Got {value}")
    except ValueError as error:
        print(f"Raised while iterating: {error}")  # (3)!
