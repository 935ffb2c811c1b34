# azd postdeploy hook (Windows): same as postdeploy.sh. Delivers the storage account's BlobCreated events of
# `uploads` to the app's Event Grid trigger (uploadsEvent) through the host's eventgrid extension webhook. The key
# is never printed.
$ErrorActionPreference = 'Stop'
foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_NAME', 'AZURE_FUNCTION_HOSTNAME', 'UPLOADS_SYSTEM_TOPIC_NAME') {
  if (-not [Environment]::GetEnvironmentVariable($name)) { throw "postdeploy: missing $name (run through azd)" }
}
if (-not (Get-Command az -ErrorAction SilentlyContinue)) { throw 'postdeploy: the Azure CLI (az) is required' }
$container = if ($env:UPLOADS_CONTAINER_NAME) { $env:UPLOADS_CONTAINER_NAME } else { 'uploads' }
$functionName = if ($env:UPLOADS_EVENT_FUNCTION_NAME) { $env:UPLOADS_EVENT_FUNCTION_NAME } else { 'uploadsEvent' }

$key = ''
for ($attempt = 1; $attempt -le 12 -and -not $key; $attempt++) {
  $key = az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_NAME `
    --query systemKeys.eventgrid_extension -o tsv 2>$null
  if (-not $key) { Write-Host "postdeploy: waiting for the eventgrid_extension key (attempt $attempt)"; Start-Sleep 10 }
}
if (-not $key) { throw 'postdeploy: no eventgrid_extension key; is BLOB_TRIGGER_SOURCE=EventGrid set?' }

$endpoint = "https://$($env:AZURE_FUNCTION_HOSTNAME)/runtime/webhooks/eventgrid?functionName=$functionName&code=$key"
az eventgrid system-topic event-subscription create `
  --name "$container-blob-created" `
  --resource-group $env:AZURE_RESOURCE_GROUP `
  --system-topic-name $env:UPLOADS_SYSTEM_TOPIC_NAME `
  --endpoint-type webhook `
  --endpoint "`"$endpoint`"" `
  --included-event-types Microsoft.Storage.BlobCreated `
  --subject-begins-with "/blobServices/default/containers/$container/" `
  --max-delivery-attempts 30 `
  --event-ttl 1440 `
  --output none
if ($LASTEXITCODE -ne 0) { throw 'postdeploy: event subscription failed' }
Write-Host "postdeploy: $container/ BlobCreated events now reach the $functionName Event Grid trigger"
