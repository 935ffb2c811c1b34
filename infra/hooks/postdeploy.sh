#!/bin/sh
# azd postdeploy hook: deliver the storage account's BlobCreated events of `uploads` to the app's Event Grid
# trigger (`uploadsEvent`, registered when BLOB_TRIGGER_SOURCE=EventGrid), which receives only the blob reference,
# never its bytes. The trigger is a webhook of the host's eventgrid extension, whose system key exists only after
# the code is deployed, hence a hook, not Bicep.
# The key is read here at deploy time and handed only to Event Grid: it is never printed nor stored in azd outputs.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd (missing AZURE_RESOURCE_GROUP)}"
: "${AZURE_FUNCTION_NAME:?missing AZURE_FUNCTION_NAME}"
: "${AZURE_FUNCTION_HOSTNAME:?missing AZURE_FUNCTION_HOSTNAME}"
: "${UPLOADS_SYSTEM_TOPIC_NAME:?missing UPLOADS_SYSTEM_TOPIC_NAME}"
container="${UPLOADS_CONTAINER_NAME:-uploads}"
function_name="${UPLOADS_EVENT_FUNCTION_NAME:-uploadsEvent}"

command -v az >/dev/null 2>&1 || { echo "postdeploy: the Azure CLI (az) is required" >&2; exit 1; }

# The extension key appears once the host has started with the deployed Event Grid trigger: retry for a while.
attempts="${POSTDEPLOY_KEY_ATTEMPTS:-12}"
wait_seconds="${POSTDEPLOY_KEY_WAIT_SECONDS:-10}"
key=""
attempt=0
while [ "$attempt" -lt "$attempts" ]; do
  attempt=$((attempt + 1))
  key="$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_NAME" \
    --query systemKeys.eventgrid_extension -o tsv 2>/dev/null || true)"
  [ -n "$key" ] && break
  echo "postdeploy: waiting for the eventgrid_extension key (attempt $attempt of $attempts)"
  sleep "$wait_seconds"
done
[ -n "$key" ] || { echo "postdeploy: no eventgrid_extension key; is BLOB_TRIGGER_SOURCE=EventGrid set?" >&2; exit 1; }

endpoint="https://${AZURE_FUNCTION_HOSTNAME}/runtime/webhooks/eventgrid?functionName=${function_name}&code=${key}"

az eventgrid system-topic event-subscription create \
  --name "${container}-blob-created" \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$UPLOADS_SYSTEM_TOPIC_NAME" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${container}/" \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --output none

echo "postdeploy: ${container}/ BlobCreated events now reach the ${function_name} Event Grid trigger"
