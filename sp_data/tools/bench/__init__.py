"""The benchmark (`python -m sp_data bench`): every page's data calls cold and warm, `facts` as a process, the
pandas way, the app's memory. registry: what each page calls; timing; pandas_compare; browser; report; run."""
