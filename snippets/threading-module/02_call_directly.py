def print_numbers():
    for i in range(5):
        print(i)


print_numbers()  # the same function, run by the main thread itself
