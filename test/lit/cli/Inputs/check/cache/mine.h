// A project's own data loader, known to greenlint through api_files.
void mydata_load(const char *Path);
