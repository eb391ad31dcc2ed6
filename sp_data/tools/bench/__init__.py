"""The benchmark (`python -m sp_data bench`): every page's data calls cold and warm, its views against the floor,
`facts` as a process, deep links in a browser, the load, the pandas way, the app's memory. registry: what each
page calls; timing; page_views; browser; load (the harness), load_runs, proxy_load; pandas_compare; options;
report; run."""
