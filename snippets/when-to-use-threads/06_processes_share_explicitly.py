import multiprocessing


def work(counter, messages):
    with counter.get_lock():  # (1)!
        counter.value += 1
    messages.put("hello from the child process")


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)  # (2)!
    messages = multiprocessing.Queue()  # (3)!
    p = multiprocessing.Process(target=work, args=(counter, messages))
    p.start()
    message = messages.get()  # (4)!
    p.join()
    print(f"Shared counter in the parent: {counter.value}")
    print(f"Message in the parent: {message}")
