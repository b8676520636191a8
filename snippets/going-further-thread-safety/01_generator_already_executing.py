def numbers():
    for n in range(3):
        if n == 1:
            next(gen)  # (1)!
        yield n


gen = numbers()
print(next(gen))
try:
    print(next(gen))
except ValueError as error:
    print(f"ValueError: {error}")  # (2)!
