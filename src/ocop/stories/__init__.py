"""Stories and news on the public portal: news, topics and product stories, written by the province office."""
