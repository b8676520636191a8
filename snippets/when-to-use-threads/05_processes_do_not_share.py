import multiprocessing

counter = 0


def increment():
    global counter
    counter += 1
    print(f"In the child process:   counter = {counter}")


if __name__ == "__main__":  # (1)!
    p = multiprocessing.Process(target=increment)
    p.start()
    p.join()
    print(f"In the parent process:  counter = {counter}")  # (2)!
