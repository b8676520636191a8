import multiprocessing
import threading
import warnings


def child():
    print("Child: running")


if __name__ == "__main__":
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    print("Threads alive when forking:", threading.active_count())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DeprecationWarning)  # (1)!
        process = multiprocessing.get_context("fork").Process(target=child)
        process.start()
        process.join()
    stop.set()
    helper.join()
    for warning in caught:
        print(f"{warning.category.__name__}: {warning.message}")
