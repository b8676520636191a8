import multiprocessing
import pickle


def main():
    for method in ("fork", "spawn", "forkserver"):
        context = multiprocessing.get_context(method)  # (1)!
        process = context.Process(target=lambda: print("  the lambda ran"))
        print(f"{method}:")
        try:
            process.start()
        except (AttributeError, pickle.PicklingError):  # (2)!
            print("  not started: the lambda cannot be pickled")
        else:
            process.join()


if __name__ == "__main__":
    main()
