#!/bin/sh
# The official nginx image's 20-envsubst-on-templates.sh, reduced: only variables set in the environment are replaced.
set -eu
defined=$(env | cut -d= -f1 | sed 's/^/${/; s/$/}/' | tr '\n' ' ')
for template in /etc/nginx/templates/*.template; do
  [ -e "$template" ] || continue
  envsubst "$defined" < "$template" > "/etc/nginx/conf.d/$(basename "$template" .template)"
done
exec "$@"
