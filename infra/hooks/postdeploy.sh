#!/bin/sh
# azd postdeploy hook: subscribe the `uploads` blob trigger to the storage account's BlobCreated events.
# Flex Consumption has no polling blob trigger; the trigger (source: EventGrid) is a webhook of the Functions
# host's blobs extension, whose system key exists only after the code is deployed, hence a hook, not Bicep.
# The key is read here at deploy time and handed only to Event Grid: it is never printed nor stored in azd outputs.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd (missing AZURE_RESOURCE_GROUP)}"
: "${AZURE_FUNCTION_NAME:?missing AZURE_FUNCTION_NAME}"
: "${AZURE_FUNCTION_HOSTNAME:?missing AZURE_FUNCTION_HOSTNAME}"
: "${UPLOADS_SYSTEM_TOPIC_NAME:?missing UPLOADS_SYSTEM_TOPIC_NAME}"
container="${UPLOADS_CONTAINER_NAME:-uploads}"
function_name="${BLOB_TRIGGER_FUNCTION_NAME:-uploads}"

command -v az >/dev/null 2>&1 || { echo "postdeploy: the Azure CLI (az) is required" >&2; exit 1; }

# The extension key appears once the host has started with the deployed blob trigger: retry for a while.
attempts="${POSTDEPLOY_KEY_ATTEMPTS:-12}"
wait_seconds="${POSTDEPLOY_KEY_WAIT_SECONDS:-10}"
key=""
attempt=0
while [ "$attempt" -lt "$attempts" ]; do
  attempt=$((attempt + 1))
  key="$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_NAME" \
    --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)"
  [ -n "$key" ] && break
  echo "postdeploy: waiting for the blobs_extension key (attempt $attempt of $attempts)"
  sleep "$wait_seconds"
done
[ -n "$key" ] || { echo "postdeploy: no blobs_extension key; is the uploads trigger source EventGrid?" >&2; exit 1; }

endpoint="https://${AZURE_FUNCTION_HOSTNAME}/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}"

az eventgrid system-topic event-subscription create \
  --name "${function_name}-blob-created" \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$UPLOADS_SYSTEM_TOPIC_NAME" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${container}/" \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --output none

echo "postdeploy: ${container}/ BlobCreated events now reach the ${function_name} blob trigger"
