"""Open311 GeoReport v2 (/open311/v2/): other systems file and follow repair requests with an API key.

keys.py issues and checks keys; places.py reads `address_id` / `address_string`; intake.py files a request
through repairs.services.work_order_submit; selectors.py reads what a client may see; present.py maps a work
order onto the spec's fields; api/ holds the views, renderers and error format. See docs/open311.md.
"""
