# azd postdeploy hook (Windows): same as postdeploy.sh. Subscribes the `uploads` blob trigger to the storage
# account's BlobCreated events through the Functions host's blobs extension webhook. The key is never printed.
$ErrorActionPreference = 'Stop'
foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_NAME', 'AZURE_FUNCTION_HOSTNAME', 'UPLOADS_SYSTEM_TOPIC_NAME') {
  if (-not [Environment]::GetEnvironmentVariable($name)) { throw "postdeploy: missing $name (run through azd)" }
}
if (-not (Get-Command az -ErrorAction SilentlyContinue)) { throw 'postdeploy: the Azure CLI (az) is required' }
$container = if ($env:UPLOADS_CONTAINER_NAME) { $env:UPLOADS_CONTAINER_NAME } else { 'uploads' }
$functionName = if ($env:BLOB_TRIGGER_FUNCTION_NAME) { $env:BLOB_TRIGGER_FUNCTION_NAME } else { 'uploads' }

$key = ''
for ($attempt = 1; $attempt -le 12 -and -not $key; $attempt++) {
  $key = az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_NAME `
    --query systemKeys.blobs_extension -o tsv 2>$null
  if (-not $key) { Write-Host "postdeploy: waiting for the blobs_extension key (attempt $attempt)"; Start-Sleep 10 }
}
if (-not $key) { throw 'postdeploy: no blobs_extension key; is the uploads trigger source EventGrid?' }

$endpoint = "https://$($env:AZURE_FUNCTION_HOSTNAME)/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key"
az eventgrid system-topic event-subscription create `
  --name "$functionName-blob-created" `
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
Write-Host "postdeploy: $container/ BlobCreated events now reach the $functionName blob trigger"
