import pickle
from concurrent.futures import ProcessPoolExecutor


def square(n):
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as pool:
        print("square(7) =", pool.submit(square, 7).result())
        try:
            pool.submit(lambda n: n * n, 7).result()  # (1)!
        except pickle.PicklingError:
            print("The lambda was not sent: a pool pickles every task")
