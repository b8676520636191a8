import threading


def print_numbers():
    for i in range(5):
        print(i)


t = threading.Thread(target=print_numbers)  # (1)!
t.start()  # (2)!
t.join()  # (3)!
