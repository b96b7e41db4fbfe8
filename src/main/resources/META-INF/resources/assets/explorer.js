document.getElementById("explorer").textContent = "";
