import multiprocessing

print("Start methods here:", sorted(multiprocessing.get_all_start_methods()))
print("Default:", multiprocessing.get_start_method())
