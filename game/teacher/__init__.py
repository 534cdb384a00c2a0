"""The teacher's side: the class report and the lesson materials, written as HTML files."""
